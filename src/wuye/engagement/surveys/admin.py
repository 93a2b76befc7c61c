"""Surveys in the Django admin: company administrators look rows up here.

The admin only reads. Surveys and responses change through the staff pages and the portal,
whose services check the policy and write the audit trail. Rows are limited to the communities
the policy lets the user see; answers are never listed, only which homes answered.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from ..models import Participation, Survey


@admin.register(Survey)
class SurveyAdmin(ReadOnlyScopedAdmin):
    perm = "survey.view"
    list_display = ["title", "opens_at", "closes_at", "anonymous", "audience_homes", "community"]
    list_filter = ["community", "anonymous"]
    search_fields = ["title"]
    date_hierarchy = "opens_at"

    def view_on_site(self, obj):
        return reverse("engagement:survey", args=[obj.community_id, obj.pk])


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyScopedAdmin):
    """Which homes answered (never what: answers are read on the results page)."""

    perm = "survey.view"
    community_path = "survey__community_id"
    list_display = ["survey", "unit", "channel", "recorded_by", "answered_at"]
    list_filter = ["channel"]
    list_select_related = ["survey", "unit__building", "recorded_by"]
