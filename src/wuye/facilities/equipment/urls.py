from django.urls import path

from . import views

urlpatterns = [
    path("equipment/", views.equipment_list, name="equipment"),
    path("equipment/new/", views.equipment_new, name="equipment_new"),
    path("equipment/<int:pk>/", views.equipment_item, name="equipment_item"),
    path("equipment/<int:pk>/edit/", views.equipment_edit, name="equipment_edit"),
    path("equipment/<int:pk>/statutory/", views.equipment_statutory, name="equipment_statutory"),
    path("equipment/<int:pk>/retire/", views.equipment_retire, name="equipment_retire"),
    path("equipment/<int:pk>/return/", views.equipment_return, name="equipment_return"),
    path("equipment/<int:pk>/fault/", views.equipment_fault, name="equipment_fault"),
    path("equipment/<int:pk>/documents/", views.equipment_document_add, name="equipment_documents"),
    path(
        "equipment/<int:pk>/documents/<int:document_id>/",
        views.equipment_document,
        name="equipment_document",
    ),
    path("equipment/<int:pk>/label.pdf", views.equipment_label, name="equipment_label"),
    path("compliance/", views.compliance, name="compliance"),
    path("compliance/rules/", views.compliance_rules, name="compliance_rules"),
    path("compliance/rules/<int:rule_id>/", views.compliance_rule_edit, name="compliance_rule"),
]
