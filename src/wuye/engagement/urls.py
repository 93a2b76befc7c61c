from django.urls import path

from . import notice_views, publicity_views, views

app_name = "engagement"

urlpatterns = [
    path("votes/", views.vote_list, name="votes"),
    path("votes/new/", views.vote_new, name="vote_new"),
    path("votes/<int:pk>/", views.vote_detail, name="vote"),
    path("votes/<int:pk>/paper-ballot/", views.paper_ballot, name="paper_ballot"),
    path("votes/<int:pk>/open/", views.vote_open, name="vote_open"),
    path("votes/<int:pk>/close/", views.vote_close, name="vote_close"),
    path("notices/", notice_views.notice_list, name="notices"),
    path("notices/new/", notice_views.notice_edit, name="notice_new"),
    path("notices/<int:pk>/", notice_views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", notice_views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/publish/", notice_views.notice_publish, name="notice_publish"),
    path("notices/<int:pk>/attach/", notice_views.notice_attach, name="notice_attach"),
    path("notices/<int:pk>/pdf/", notice_views.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        notice_views.notice_attachment,
        name="notice_attachment",
    ),
    path("publicity/", publicity_views.period_list, name="publicity_list"),
    path("publicity/rule/", publicity_views.rule_set, name="publicity_rule"),
    path("publicity/<int:pk>/", publicity_views.period_detail, name="publicity"),
    path("publicity/<int:pk>/lines/", publicity_views.line_add, name="publicity_line_add"),
    path(
        "publicity/<int:pk>/lines/<int:line_pk>/remove/",
        publicity_views.line_remove,
        name="publicity_line_remove",
    ),
    path("publicity/<int:pk>/fill/", publicity_views.fill_fees, name="publicity_fill"),
    path("publicity/<int:pk>/publish/", publicity_views.period_publish, name="publicity_publish"),
    path("publicity/<int:pk>/correct/", publicity_views.period_correct, name="publicity_correct"),
    path("publicity/<int:pk>/pdf/", publicity_views.period_pdf, name="publicity_pdf"),
    path("committee/", publicity_views.committee, name="committee"),
    path("committee/<int:pk>/end/", publicity_views.committee_end, name="committee_end"),
]
