from django.urls import path

from . import portal

app_name = "servicedesk_portal"

urlpatterns = [
    path("", portal.orders, name="orders"),
    path("new/", portal.new, name="new"),
    path("prices/", portal.prices, name="prices"),
    path("<int:pk>/", portal.order, name="order"),
    path("<int:pk>/photos/<int:photo_id>/", portal.photo, name="photo"),
    path("<int:pk>/act/<str:action>/", portal.act, name="act"),
]
