from django.urls import path

from . import views

urlpatterns = [
    path("people/", views.staff_list, name="people"),
    path("people/export/", views.staff_export, name="people_export"),
    path("people/<int:user_id>/", views.person, name="person"),
]
