from django.urls import path

from . import views

urlpatterns = [
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/new/", views.survey_edit, name="survey_new"),
    path("surveys/copy/", views.survey_copy, name="survey_copy"),
    path("surveys/settings/", views.survey_settings, name="survey_settings"),
    path(
        "surveys/settings/history/", views.survey_settings_history, name="survey_settings_history"
    ),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/", views.question_add, name="survey_question_add"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="survey_question_remove",
    ),
    path("surveys/<int:pk>/publish/", views.survey_publish, name="survey_publish"),
    path("surveys/<int:pk>/close/", views.survey_close, name="survey_close"),
    path("surveys/<int:pk>/paper/", views.paper_response, name="survey_paper"),
    path("surveys/<int:pk>/results.xlsx", views.survey_export, name="survey_export"),
]
