"""Fund-usage publicity and the owners' committee register in the Django admin.

Publications only show here: they change through the staff pages, whose services check the
policy and write the audit trail, and never once published. The committee register is kept
here as on the staff page: its form calls the same services, and a seat is never deleted.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from wuye.core import policy
from wuye.core.admin import CommunityScopedAdmin, ReadOnlyScopedAdmin
from wuye.core.models import Community

from . import publicity_services
from .models import CommitteeMember, FundPeriod


@admin.register(FundPeriod)
class FundPeriodAdmin(ReadOnlyScopedAdmin):
    perm = "publicity.view"
    list_display = ["__str__", "kind", "start", "published_at", "corrects", "community"]
    list_filter = ["community", "kind"]
    list_select_related = ["community", "corrects__community"]
    date_hierarchy = "start"

    def view_on_site(self, obj):
        return reverse("engagement:publicity", args=[obj.community_id, obj.pk])


class CommitteeMemberForm(forms.ModelForm):
    """Seats and ends terms through the services, so the admin checks and audits alike."""

    class Meta:
        model = CommitteeMember
        fields = ["community", "resident", "role", "start_date", "end_date"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _post_clean(self):
        if self.errors:
            return
        data = self.cleaned_data
        try:
            if self.instance.pk is None:
                self.instance = publicity_services.committee_member_add(actor=self.user, **data)
            elif data["end_date"] != self.instance.end_date:
                self.instance = publicity_services.committee_member_end(
                    actor=self.user, member=self.instance, end_date=data["end_date"]
                )
        except ValidationError as error:
            self._update_errors(error)


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(CommunityScopedAdmin):
    """The owners' committee register: a manager seats owners and ends their terms here or
    on the staff page; a seat is never deleted, so the register keeps its history."""

    perm = "committee.manage"
    form = CommitteeMemberForm
    list_display = ["resident", "role", "start_date", "end_date", "community"]
    list_filter = ["community", "role"]
    search_fields = ["resident__name"]
    list_select_related = ["resident", "community"]
    raw_id_fields = ["resident"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class ActingForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, user=request.user, **kwargs)

        return ActingForm

    def get_readonly_fields(self, request, obj=None):
        return ["community", "resident", "role", "start_date"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "community":
            kwargs["queryset"] = Community.objects.filter(
                pk__in=policy.community_ids_with(request.user, self.perm)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """The services have saved it while the form was validated."""

    def view_on_site(self, obj):
        return reverse("engagement:committee", args=[obj.community_id])
