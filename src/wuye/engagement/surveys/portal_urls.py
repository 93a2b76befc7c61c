from django.urls import path

from . import portal

urlpatterns = [
    path("surveys/", portal.survey_list, name="surveys"),
    path("surveys/<int:pk>/", portal.survey_answer, name="survey"),
    path("surveys/<int:pk>/thanks/", portal.survey_thanks, name="survey_thanks"),
]
