from django.urls import path

from .configure.urls import urlpatterns as settings_urls
from .views import complaints, desk, orders, orders_list, work

app_name = "servicedesk"

urlpatterns = [
    path("", desk.board, name="board"),
    path("new/", desk.intake, name="intake"),
    path("new/promise/", desk.intake_promise, name="intake_promise"),
    path("new/lookup/", desk.intake_lookup, name="intake_lookup"),
    path("new/caller/", desk.intake_caller, name="intake_caller"),
    path("orders/", orders_list.order_list, name="orders"),
    path("orders/export/", orders_list.order_list_export, name="orders_export"),
    path("orders/<int:pk>/", orders.order_page, name="order"),
    path("orders/<int:pk>/photos/<int:photo_id>/", orders.order_photo, name="photo"),
    path("orders/<int:pk>/act/<str:action>/", orders.order_act, name="act"),
    path("orders/<int:pk>/steps/<int:step>/", orders.complaint_step, name="complaint_step"),
    path("orders/<int:pk>/promise/", orders.complaint_reply_promise, name="complaint_promise"),
    path("orders/<int:pk>/spot-check/", work.spot_check, name="spot_check"),
    path("mine/", work.mine, name="mine"),
    path("supervision/", work.supervision, name="supervision"),
    path("call-backs/", work.callbacks, name="callbacks"),
    path("complaints/replies/", complaints.register, name="complaint_register"),
    path(
        "complaints/replies/export/", complaints.register_export, name="complaint_register_export"
    ),
    *settings_urls,
]
