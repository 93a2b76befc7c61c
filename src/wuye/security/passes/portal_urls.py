from django.urls import path

from . import portal

urlpatterns = [
    path("visitors/", portal.visitor_list, name="visitors"),
    path("visitors/invite/", portal.visitor_invite, name="visitor_invite"),
    path("visitors/<int:pk>/", portal.visitor_detail, name="visitor"),
    path("visitors/<int:pk>/revoke/", portal.visitor_revoke, name="visitor_revoke"),
    path("visitors/<int:pk>/confirm/", portal.visitor_confirm, name="visitor_confirm"),
]
