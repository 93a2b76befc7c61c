from django.urls import path

from . import notice_views, report_views, surveys_views, views

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
    path("notices/<int:pk>/withdraw/", notice_views.notice_withdraw, name="notice_withdraw"),
    path("notices/<int:pk>/attach/", notice_views.notice_attach, name="notice_attach"),
    path("notices/<int:pk>/pdf/", notice_views.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        notice_views.notice_attachment,
        name="notice_attachment",
    ),
    path("report/", report_views.service_report, name="service_report"),
    path("report/pdf/", report_views.service_report_pdf, name="service_report_pdf"),
    path("report/publish/", report_views.service_report_publish, name="service_report_publish"),
    path("surveys/", surveys_views.survey_list, name="surveys"),
    path("surveys/new/", surveys_views.survey_edit, name="survey_new"),
    path("surveys/copy/", surveys_views.survey_copy, name="survey_copy"),
    path("surveys/<int:pk>/", surveys_views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", surveys_views.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/", surveys_views.question_add, name="survey_question_add"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/remove/",
        surveys_views.question_remove,
        name="survey_question_remove",
    ),
    path("surveys/<int:pk>/publish/", surveys_views.survey_publish, name="survey_publish"),
    path("surveys/<int:pk>/close/", surveys_views.survey_close, name="survey_close"),
    path("surveys/<int:pk>/paper/", surveys_views.paper_response, name="survey_paper"),
    path("surveys/<int:pk>/results.xlsx", surveys_views.survey_export, name="survey_export"),
]
