"""The staff list: the community's staff with their posts and their certificates' validity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.core.people import display_name

from ..certificates.models import Certificate
from ..choices import CertificateKind
from ..organisation.models import Assignment, Department, Post
from ..organisation.queries import current_assignments, memberships_of

# A certificate expiring within this many days is flagged (the first reminder, 60 days).
EXPIRING_DAYS = 60

VALID, EXPIRING, EXPIRED, MISSING, NONE = "valid", "expiring", "expired", "missing", "none"
CERTIFICATE_STATES = {
    VALID: _("Valid"),
    EXPIRING: _("Expiring within 60 days"),
    EXPIRED: _("Expired"),
    MISSING: _("Missing a required certificate"),
    NONE: _("No certificate needed"),
}
# The worst state of a person's certificates is theirs.
_SEVERITY = [NONE, VALID, EXPIRING, EXPIRED, MISSING]


@dataclass
class CertificateState:
    certificate: Certificate
    state: str

    @property
    def label(self):
        return CERTIFICATE_STATES[self.state]


@dataclass
class StaffRow:
    user: object
    name: str
    roles: list[str]
    titles: list[str]
    assignment: Assignment | None
    certificates: list[CertificateState]
    missing: list[str]
    state: str

    @property
    def post(self) -> Post | None:
        return self.assignment.post if self.assignment else None

    @property
    def department(self) -> Department | None:
        return self.assignment.post.department if self.assignment else None

    @property
    def missing_labels(self) -> list[str]:
        return [str(CertificateKind(kind).label) for kind in self.missing]

    @property
    def state_label(self):
        return CERTIFICATE_STATES[self.state]


def certificate_state(certificate: Certificate, today: date) -> str:
    until = certificate.valid_until
    if until is None or until > today + timedelta(days=EXPIRING_DAYS):
        return VALID
    return EXPIRING if until >= today else EXPIRED


def _person_state(states: list[CertificateState], missing: list[str]) -> str:
    if missing:
        return MISSING
    worst = NONE
    for one in states:
        if _SEVERITY.index(one.state) > _SEVERITY.index(worst):
            worst = one.state
    return worst


def staff_rows(
    community: Community,
    *,
    department_id: int | None = None,
    post_id: int | None = None,
    state: str | None = None,
    text: str = "",
    today: date | None = None,
) -> list[StaffRow]:
    """The community's staff (an active membership there), by name, each with their roles,
    current post and department and their certificates' validity; filtered by department,
    post, certificate state and a name or username. Four queries, however many people."""
    today = today or timezone.localdate()
    memberships = list(memberships_of(community).select_related("user"))
    people: dict[int, dict] = {}
    for membership in memberships:
        entry = people.setdefault(
            membership.user_id, {"user": membership.user, "roles": [], "titles": []}
        )
        entry["roles"].append(membership.get_role_display())
        if membership.title:
            entry["titles"].append(membership.title)
    posts = {
        a.user_id: a
        for a in current_assignments(community)
        .filter(user_id__in=people)
        .select_related("post__department")
    }
    certificates: dict[int, list[CertificateState]] = {}
    for certificate in Certificate.objects.filter(community=community, user_id__in=people).order_by(
        "kind", "valid_until", "pk"
    ):
        certificates.setdefault(certificate.user_id, []).append(
            CertificateState(certificate, certificate_state(certificate, today))
        )
    needle = text.strip().casefold()
    rows = []
    for user_id, entry in people.items():
        user = entry["user"]
        name = display_name(user)
        assignment = posts.get(user_id)
        held = certificates.get(user_id, [])
        good = {c.certificate.kind for c in held if c.state != EXPIRED}
        required = assignment.post.required_certificates if assignment else []
        missing = [kind for kind in required if kind not in good]
        row = StaffRow(
            user=user,
            name=name,
            roles=entry["roles"],
            titles=entry["titles"],
            assignment=assignment,
            certificates=held,
            missing=missing,
            state=_person_state(held, missing),
        )
        if department_id and (row.department is None or row.department.pk != department_id):
            continue
        if post_id and (row.post is None or row.post.pk != post_id):
            continue
        if state and row.state != state:
            continue
        if needle and needle not in name.casefold() and needle not in user.username.casefold():
            continue
        rows.append(row)
    rows.sort(key=_order)
    return rows


def _order(row: StaffRow):
    if row.assignment is None:
        return (1, 0, 0, row.name)
    post = row.assignment.post
    return (0, post.department.order, post.department_id, post.order, post.pk, row.name)
