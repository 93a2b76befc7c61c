from django.urls import path

from . import views

urlpatterns = [
    path("gate/", views.gate, name="gate"),
    path("passes/", views.pass_list, name="passes"),
    path("passes/walk-in/", views.walk_in, name="pass_walk_in"),
    path("passes/<int:pk>/", views.pass_detail, name="pass"),
    path("passes/<int:pk>/check-in/", views.pass_check_in, name="pass_check_in"),
    path("passes/<int:pk>/check-out/", views.pass_check_out, name="pass_check_out"),
    path("passes/<int:pk>/confirm/", views.pass_confirm, name="pass_confirm"),
    path("passes/<int:pk>/revoke/", views.pass_revoke, name="pass_revoke"),
    path("visitor-records/", views.visitor_records, name="visitor_records"),
    path("visitor-records/export/", views.visitor_records_export, name="visitor_records_export"),
    path("pass-settings/", views.pass_settings, name="pass_settings"),
    path("pass-settings/history/", views.pass_settings_history, name="pass_settings_history"),
]
