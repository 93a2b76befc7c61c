from django.urls import path

from . import views

urlpatterns = [
    path("publicity/", views.period_list, name="publicity_list"),
    path("publicity/rule/", views.rule_set, name="publicity_rule"),
    path("publicity/<int:pk>/", views.period_detail, name="publicity"),
    path("publicity/<int:pk>/lines/", views.line_add, name="publicity_line_add"),
    path(
        "publicity/<int:pk>/lines/<int:line_pk>/remove/",
        views.line_remove,
        name="publicity_line_remove",
    ),
    path("publicity/<int:pk>/fill/", views.fill_fees, name="publicity_fill"),
    path("publicity/<int:pk>/publish/", views.period_publish, name="publicity_publish"),
    path("publicity/<int:pk>/correct/", views.period_correct, name="publicity_correct"),
    path("publicity/<int:pk>/pdf/", views.period_pdf, name="publicity_pdf"),
    path("committee/", views.committee, name="committee"),
    path("committee/<int:pk>/end/", views.committee_end, name="committee_end"),
]
