"""Votes and notices in the Django admin: company administrators look rows up here.

The admin only reads. Votes, ballots and notices change through the staff pages and the
portal, whose services check the policy and write the audit trail. Rows are limited to the
communities the policy lets the user see; a secret vote's ballots are not listed.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.estates.admin import RegisterAdmin

from . import report_queries
from .models import Ballot, Notice, Participation, PublishedReport, Survey, Vote


@admin.register(Vote)
class VoteAdmin(RegisterAdmin):
    perm = "vote.view"
    list_display = ["title", "matter", "opens_at", "closes_at", "secret", "community"]
    list_filter = ["community", "matter", "secret"]
    search_fields = ["title"]
    date_hierarchy = "opens_at"

    def view_on_site(self, obj):
        return reverse("engagement:vote", args=[obj.community_id, obj.pk])


@admin.register(Ballot)
class BallotAdmin(RegisterAdmin):
    perm = "vote.view"
    community_path = "vote__community_id"
    list_display = ["vote", "unit", "choice", "channel", "cast_by", "cast_at", "is_current"]
    list_filter = ["channel", "is_current"]
    list_select_related = ["vote", "unit__building", "cast_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(vote__secret=False)


@admin.register(Notice)
class NoticeAdmin(RegisterAdmin):
    perm = "notice.view"
    list_display = [
        "title",
        "kind",
        "published_at",
        "pinned_until",
        "expires_on",
        "withdrawn_at",
        "community",
    ]
    list_filter = ["community", "kind"]
    search_fields = ["title", "body"]

    def view_on_site(self, obj):
        return reverse("engagement:notice", args=[obj.community_id, obj.pk])


@admin.register(PublishedReport)
class PublishedReportAdmin(RegisterAdmin):
    perm = "report.view"
    list_display = ["start", "kind", "published_at", "published_by", "community"]
    list_filter = ["community", "kind"]
    list_select_related = ["community", "published_by"]

    def view_on_site(self, obj):
        code = report_queries.period_code(report_queries.report_period(obj))
        return reverse("engagement:service_report", args=[obj.community_id]) + f"?period={code}"


@admin.register(Survey)
class SurveyAdmin(RegisterAdmin):
    perm = "survey.view"
    list_display = ["title", "opens_at", "closes_at", "anonymous", "audience_homes", "community"]
    list_filter = ["community", "anonymous"]
    search_fields = ["title"]
    date_hierarchy = "opens_at"

    def view_on_site(self, obj):
        return reverse("engagement:survey", args=[obj.community_id, obj.pk])


@admin.register(Participation)
class ParticipationAdmin(RegisterAdmin):
    """Which homes answered (never what: answers are read on the results page)."""

    perm = "survey.view"
    community_path = "survey__community_id"
    list_display = ["survey", "unit", "channel", "recorded_by", "answered_at"]
    list_filter = ["channel"]
    list_select_related = ["survey", "unit__building", "recorded_by"]
