"""Notices in the Django admin: company administrators look rows up here.

The admin only reads. Notices change through the staff pages, whose services check the policy
and write the audit trail. Rows are limited to the communities the policy lets the user see.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from ..models import Notice


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
