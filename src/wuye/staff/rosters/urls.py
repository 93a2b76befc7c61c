from django.urls import path

from . import views

urlpatterns = [
    path("rosters/", views.roster_list, name="rosters"),
    path("rosters/<int:post_id>/", views.roster_week, name="roster"),
    path("rosters/<int:post_id>/add/", views.roster_add, name="roster_add"),
    path("rosters/<int:post_id>/copy/", views.roster_copy, name="roster_copy"),
    path("rosters/<int:post_id>/publish/", views.roster_publish, name="roster_publish"),
    path("rosters/entries/<int:pk>/remove/", views.roster_remove, name="roster_remove"),
    path("rosters/entries/<int:pk>/change/", views.roster_change, name="roster_change"),
    path("on-duty/", views.on_duty, name="on_duty"),
    path("my-shifts/", views.my_shifts, name="my_shifts"),
    path("shifts/", views.shift_settings, name="shift_settings"),
    path("shifts/new/", views.shift_new, name="shift_new"),
    path("shifts/<int:pk>/", views.shift_edit, name="shift_edit"),
]
