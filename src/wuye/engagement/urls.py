"""The staff pages of every engagement area, under one namespace (`engagement:`)."""

from django.urls import path

from . import culture_views, report_views, surveys_views
from .notices import urls as notices
from .publicity import urls as publicity
from .votes import urls as votes

app_name = "engagement"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
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
    path("events/", culture_views.event_list, name="events"),
    path("events/new/", culture_views.event_new, name="event_new"),
    path("events/<int:pk>/", culture_views.event_detail, name="event"),
    path("events/<int:pk>/cancel/", culture_views.event_cancel, name="event_cancel"),
    path(
        "events/<int:pk>/signups/<int:signup_pk>/<str:action>/",
        culture_views.signup_act,
        name="signup_act",
    ),
    path("groups/", culture_views.group_list, name="groups"),
    path("groups/new/", culture_views.group_new, name="group_new"),
    path("groups/<int:pk>/", culture_views.group_detail, name="group"),
    path("reception/", culture_views.reception_list, name="reception"),
    path("reception/<str:day>/", culture_views.reception_day, name="reception_day"),
    path("reception-bookings/<int:pk>/", culture_views.booking_detail, name="booking"),
    path(
        "reception-bookings/<int:pk>/work-order/",
        culture_views.booking_raise,
        name="booking_raise",
    ),
    path("visits/", culture_views.visit_list, name="visits"),
    path("visits/new/", culture_views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", culture_views.visit_detail, name="visit"),
    path("visits/<int:pk>/work-order/", culture_views.visit_raise, name="visit_raise"),
]
