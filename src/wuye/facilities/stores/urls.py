from django.urls import path

from . import views

urlpatterns = [
    path("stores/", views.part_list, name="stores"),
    path("stores/new/", views.part_new, name="stores_new"),
    path("stores/<int:pk>/", views.part_page, name="stores_item"),
    path("stores/<int:pk>/edit/", views.part_edit, name="stores_edit"),
    path("stores/<int:pk>/receive/", views.part_receive, name="stores_receive"),
    path("stores/<int:pk>/issue/", views.part_issue, name="stores_issue"),
    path("stores/<int:pk>/count/", views.part_count, name="stores_count"),
    path("stores/<int:pk>/return/", views.part_return, name="stores_return"),
]
