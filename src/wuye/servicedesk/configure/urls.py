from django.urls import path

from . import views

urlpatterns = [
    path("settings/prices/", views.prices, name="settings_prices"),
    path("settings/prices/new/", views.price_edit, name="settings_price_new"),
    path("settings/prices/history/", views.prices_history, name="settings_prices_history"),
    path("settings/prices/<int:pk>/", views.price_edit, name="settings_price"),
    path("settings/prices/<int:pk>/retire/", views.price_retire, name="settings_price_retire"),
    path(
        "settings/prices/<int:pk>/publish/",
        views.price_republish,
        name="settings_price_republish",
    ),
    path("settings/teams/", views.teams, name="settings_teams"),
    path("settings/teams/new/", views.team_edit, name="settings_team_new"),
    path("settings/teams/history/", views.teams_history, name="settings_teams_history"),
    path("settings/teams/<int:pk>/", views.team_edit, name="settings_team"),
    path(
        "settings/teams/<int:pk>/members/new/",
        views.team_member_add,
        name="settings_team_member_add",
    ),
    path(
        "settings/teams/<int:pk>/members/<int:member_id>/",
        views.team_member_edit,
        name="settings_team_member",
    ),
    path("settings/duty/", views.duty, name="settings_duty"),
    path("settings/duty/history/", views.duty_history, name="settings_duty_history"),
    path("settings/duty/<int:pk>/remove/", views.duty_remove, name="settings_duty_remove"),
    path("settings/desk/", views.desk_settings, name="settings_desk"),
    path("settings/desk/history/", views.desk_history, name="settings_desk_history"),
    path("settings/sla/", views.sla_policies, name="settings_sla"),
    path("settings/sla/defaults/", views.sla_seed, name="settings_sla_seed"),
    path("settings/sla/history/", views.sla_history, name="settings_sla_history"),
    path("settings/sla/<int:pk>/", views.sla_policy_edit, name="settings_sla_policy"),
]
