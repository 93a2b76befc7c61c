from django.urls import path

from . import views

urlpatterns = [
    path("organisation/", views.org_chart, name="organisation"),
    path("organisation/manage/", views.organisation_manage, name="organisation_manage"),
    path("organisation/departments/add/", views.department_add, name="department_add"),
    path("organisation/departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("organisation/posts/add/", views.post_add, name="post_add"),
    path("organisation/posts/<int:pk>/", views.post_edit, name="post_edit"),
    path("organisation/posts/<int:pk>/assign/", views.post_assign, name="post_assign"),
    path("organisation/assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
]
