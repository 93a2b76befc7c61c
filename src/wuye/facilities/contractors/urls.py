from django.urls import path

from . import views

urlpatterns = [
    path("contractors/", views.contractor_list, name="contractors"),
    path("contractors/add/", views.contractor_edit, name="contractor_add"),
    path("contractors/<int:pk>/", views.contractor_detail, name="contractor"),
    path("contractors/<int:pk>/edit/", views.contractor_edit, name="contractor_edit"),
    path("contractors/<int:pk>/contracts/add/", views.contract_edit, name="contract_add"),
    path(
        "contractors/<int:pk>/contracts/<int:contract_id>/edit/",
        views.contract_edit,
        name="contract_edit",
    ),
    path(
        "contractors/<int:pk>/scorecard.xlsx", views.scorecard_export, name="contractor_scorecard"
    ),
    path("contractors/<int:pk>/inspect/", views.inspection_record, name="contractor_inspect"),
    path(
        "contractors/inspections/<int:pk>/",
        views.inspection_detail,
        name="contractor_inspection",
    ),
    path(
        "contractors/inspections/<int:pk>/scores/<int:score_id>/recheck/",
        views.deduction_recheck,
        name="contractor_recheck",
    ),
    path(
        "contractors/inspections/<int:pk>/scores/<int:score_id>/photo/",
        views.deduction_photo,
        name="contractor_photo",
    ),
]
