from django.urls import path

from . import portal

urlpatterns = [
    path("notices/", portal.notice_list, name="notices"),
    path("notices/archive/", portal.notice_archive, name="notice_archive"),
    path("notices/<int:pk>/", portal.notice_detail, name="notice"),
    path("notices/<int:pk>/pdf/", portal.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        portal.notice_attachment,
        name="notice_attachment",
    ),
]
