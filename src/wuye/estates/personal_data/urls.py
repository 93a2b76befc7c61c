from django.urls import path

from . import views

urlpatterns = [
    path("residents/<int:pk>/personal-data/", views.personal_data, name="personal_data"),
    path(
        "residents/<int:pk>/personal-data/export/",
        views.personal_data_export,
        name="personal_data_export",
    ),
    path(
        "residents/<int:pk>/personal-data/deletion/",
        views.erasure_request_new,
        name="erasure_request_new",
    ),
    path("deletion-requests/", views.erasure_requests, name="erasure_requests"),
    path("deletion-requests/<int:pk>/", views.erasure_request, name="erasure_request"),
    path(
        "deletion-requests/<int:pk>/carry-out/",
        views.erasure_request_carry_out,
        name="erasure_request_carry_out",
    ),
    path(
        "deletion-requests/<int:pk>/reject/",
        views.erasure_request_reject,
        name="erasure_request_reject",
    ),
]
