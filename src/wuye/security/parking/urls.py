"""Staff pages of parking (namespace `security:`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("parking/sessions/", views.session_list, name="parking_sessions"),
    path("parking/sessions/<int:pk>/", views.session_detail, name="parking_session"),
    path("parking/settings/", views.parking_settings, name="parking_settings"),
    path(
        "parking/settings/history/",
        views.parking_settings_history,
        name="parking_settings_history",
    ),
]
