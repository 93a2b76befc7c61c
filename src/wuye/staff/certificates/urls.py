from django.urls import path

from . import views

urlpatterns = [
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/add/", views.certificate_add, name="certificate_add"),
    path("certificates/<int:pk>/", views.certificate_edit, name="certificate_edit"),
]
