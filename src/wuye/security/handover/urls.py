from django.urls import path

from . import views

urlpatterns = [
    path("handovers/", views.handover_list, name="handovers"),
    path("handovers/mine/", views.handover_mine, name="handover_mine"),
    path("handovers/items/", views.handover_items, name="handover_items"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover"),
    path("handovers/<int:pk>/write/", views.handover_write, name="handover_write"),
    path("handovers/<int:pk>/confirm/", views.handover_confirm, name="handover_confirm"),
]
