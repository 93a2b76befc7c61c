"""The posts on the home page: a guard sees the post they stand now and their next patrol;
the security supervisor sees the posts short of people or certificates now. A guard lands on
the post board, their own post and next patrol at its head."""

from django.utils import timezone

from wuye.core import policy
from wuye.core.home import Landing, Panel
from wuye.core.policy import R as Role

from . import queries


def my_post(request, community) -> dict:
    now = timezone.now()
    may = {
        verb: policy.has_perm(request.user, verb, community.pk)
        for verb in ("pass.verify", "handover.record", "incident.report")
    }
    actions = {"check_pass": may["pass.verify"], "report_incident": may["incident.report"]}
    duty = queries.my_duty(request.user, community.pk, now)
    if duty is None:
        return {
            "duty": None,
            "next_shift": queries.next_shift(request.user, community.pk, now),
            **actions,
        }
    return {
        "duty": duty,
        "patrol": queries.next_patrol(duty),
        "hand_over": may["handover.record"],
        **actions,
    }


def _gaps(request, community) -> dict:
    rows = queries.board(community, timezone.now())
    gaps = queries.gaps_of(rows)
    return {"gaps": gaps, "posts": len(rows), "kept": sum(1 for r in rows if r.status == "ok")}


PANELS = [
    Panel(
        key="my_post",
        template="security/posts/my_post_panel.html",
        context=my_post,
        perm="post.mine",
        order=150,
    ),
    Panel(
        key="post_gaps",
        template="security/posts/gaps_panel.html",
        context=_gaps,
        perm="post.gaps",
        order=155,
    ),
]

LANDINGS = [
    Landing("security:post_board", frozenset({Role.GUARD}), "post.mine", priority=450),
]
