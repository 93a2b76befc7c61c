"""Votes and ballots in the Django admin: company administrators look rows up here.

The admin only reads. Votes and ballots change through the staff pages and the portal, whose
services check the policy and write the audit trail. Rows are limited to the communities the
policy lets the user see; a secret vote's ballots are not listed.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from ..models import Ballot, Vote


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
