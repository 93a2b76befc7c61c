from django.urls import path

from . import views

urlpatterns = [
    path("parcels/", views.parcel_list, name="parcels"),
    path("parcels/receive/", views.parcel_receive, name="parcel_receive"),
    path("parcels/settings/", views.parcel_settings, name="parcel_settings"),
    path(
        "parcels/settings/history/",
        views.parcel_settings_history,
        name="parcel_settings_history",
    ),
    path("parcels/<int:pk>/", views.parcel_detail, name="parcel"),
    path("parcels/<int:pk>/pick-up/", views.parcel_pick_up, name="parcel_pick_up"),
    path("parcels/<int:pk>/return/", views.parcel_return, name="parcel_return"),
]
