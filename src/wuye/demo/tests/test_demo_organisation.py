"""The demo's organisation: every post of the training report's §5 with its Chinese title,
each of the 45 demo staff in exactly one post, department heads set; a second run adds
nothing."""

from django.db.models import Count

from wuye.core import policy
from wuye.core.models import Membership
from wuye.demo.organisation import DEPARTMENTS, OPENED, PLACES, POSTS, organisation_load
from wuye.demo.staff import bordeaux_town_staff
from wuye.staff.organisation.models import Assignment, Department, Post
from wuye.testing import factories as f


def _office():
    community = f.CommunityFactory(code="BDX")
    staff = bordeaux_town_staff()
    for plan in staff:
        user = f.UserFactory(username=plan.username, first_name=plan.name)
        Membership.objects.create(
            user=user,
            company=community.company,
            community=None if plan.company_wide else community,
            role=plan.role,
            title=plan.title,
        )
        policy.forget(user)
    return community, staff


def test_every_post_is_present_and_every_demo_staff_holds_exactly_one(db):
    community, staff = _office()

    counts = organisation_load(community)

    assert len(staff) == 45 and set(PLACES) == {s.username for s in staff}
    assert counts == {"departments": 7, "posts": len(POSTS), "people": 45}
    titles = dict(Post.objects.filter(community=community).values_list("code", "title"))
    assert titles == {code: title for _kind, code, title, *_rest in POSTS}
    held = Assignment.objects.filter(community=community, ended_on__isnull=True)
    per_person = held.values("user__username").annotate(n=Count("pk"))
    assert {row["user__username"]: row["n"] for row in per_person} == dict.fromkeys(PLACES, 1)
    assert set(held.values_list("started_on", flat=True)) == {OPENED}
    heads = dict(Department.objects.values_list("name", "head__username"))
    assert heads == {name: head for _kind, name, _order, head in DEPARTMENTS}
    assert Post.objects.get(code="control-centre").required_certificates == [
        "security_guard",
        "fire_facilities",
    ]
    for vacant in ("cleaner", "gardener", "summer-temp"):
        assert not held.filter(post__code=vacant).exists()

    assert organisation_load(community) == {}
    assert Assignment.objects.count() == 45 and Post.objects.count() == len(POSTS)
