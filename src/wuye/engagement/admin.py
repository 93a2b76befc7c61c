"""Votes and notices in the Django admin: company administrators look rows up here.

The admin only reads. Votes, ballots and notices change through the staff pages and the
portal, whose services check the policy and write the audit trail. Rows are limited to the
communities the policy lets the user see; a secret vote's ballots are not listed.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from . import (
    publicity_admin,  # noqa: F401  (fund-usage publicity and the committee)
    report_queries,
)
from .models import (
    Ballot,
    Event,
    InterestGroup,
    Notice,
    Participation,
    PublishedReport,
    ReceptionBooking,
    Survey,
    Visit,
    Vote,
)


@admin.register(Vote)
class VoteAdmin(ReadOnlyScopedAdmin):
    perm = "vote.view"
    list_display = ["title", "matter", "opens_at", "closes_at", "secret", "community"]
    list_filter = ["community", "matter", "secret"]
    search_fields = ["title"]
    date_hierarchy = "opens_at"

    def view_on_site(self, obj):
        return reverse("engagement:vote", args=[obj.community_id, obj.pk])


@admin.register(Ballot)
class BallotAdmin(ReadOnlyScopedAdmin):
    perm = "vote.view"
    community_path = "vote__community_id"
    list_display = ["vote", "unit", "choice", "channel", "cast_by", "cast_at", "is_current"]
    list_filter = ["channel", "is_current"]
    list_select_related = ["vote", "unit__building", "cast_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(vote__secret=False)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyScopedAdmin):
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
class PublishedReportAdmin(ReadOnlyScopedAdmin):
    perm = "report.view"
    list_display = ["start", "kind", "published_at", "published_by", "community"]
    list_filter = ["community", "kind"]
    list_select_related = ["community", "published_by"]

    def view_on_site(self, obj):
        code = report_queries.period_code(report_queries.report_period(obj))
        return reverse("engagement:service_report", args=[obj.community_id]) + f"?period={code}"


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


@admin.register(Event)
class EventAdmin(ReadOnlyScopedAdmin):
    perm = "event.view"
    list_display = ["title", "starts_at", "place", "capacity", "cancelled_at", "community"]
    list_filter = ["community"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"

    def view_on_site(self, obj):
        return reverse("engagement:event", args=[obj.community_id, obj.pk])


@admin.register(InterestGroup)
class InterestGroupAdmin(ReadOnlyScopedAdmin):
    perm = "event.view"
    list_display = ["name", "organiser", "community"]
    list_filter = ["community"]
    search_fields = ["name"]

    def view_on_site(self, obj):
        return reverse("engagement:group", args=[obj.community_id, obj.pk])


@admin.register(ReceptionBooking)
class ReceptionBookingAdmin(ReadOnlyScopedAdmin):
    perm = "reception.view"
    community_path = "slot__community_id"
    list_display = ["slot", "unit", "topic", "follow_up", "work_order", "cancelled_at"]
    list_filter = ["follow_up"]
    list_select_related = ["slot", "unit__building", "work_order"]

    def view_on_site(self, obj):
        return reverse("engagement:booking", args=[obj.slot.community_id, obj.pk])


@admin.register(Visit)
class VisitAdmin(ReadOnlyScopedAdmin):
    perm = "visit.view"
    list_display = ["visited_on", "unit", "visitor", "follow_up", "work_order", "community"]
    list_filter = ["community", "follow_up"]
    list_select_related = ["unit__building", "visitor", "work_order"]
    date_hierarchy = "visited_on"

    def view_on_site(self, obj):
        return reverse("engagement:visit", args=[obj.community_id, obj.pk])
