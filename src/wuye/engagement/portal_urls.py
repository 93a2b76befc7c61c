from django.urls import path

from . import portal, publicity_portal

app_name = "engagement_portal"

urlpatterns = [
    path("votes/", portal.vote_list, name="votes"),
    path("votes/<int:pk>/", portal.vote_detail, name="vote"),
    path("notices/", portal.notice_list, name="notices"),
    path("notices/<int:pk>/", portal.notice_detail, name="notice"),
    path("notices/<int:pk>/pdf/", portal.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        portal.notice_attachment,
        name="notice_attachment",
    ),
    path("publicity/", publicity_portal.period_list, name="publicity_list"),
    path("publicity/<int:pk>/", publicity_portal.period_detail, name="publicity"),
    path("publicity/<int:pk>/pdf/", publicity_portal.period_pdf, name="publicity_pdf"),
]
