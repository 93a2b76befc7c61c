"""The posts on the home page: a guard sees the post they stand now and their next patrol;
the security supervisor sees the posts short of people or certificates now."""

from django.utils import timezone

from wuye.core.home import Panel

from . import queries


def _my_post(request, community) -> dict:
    now = timezone.now()
    duty = queries.my_duty(request.user, community.pk, now)
    if duty is None:
        return {"duty": None, "next_shift": queries.next_shift(request.user, community.pk, now)}
    return {
        "duty": duty,
        "patrol": queries.next_patrol(duty),
    }


def _gaps(request, community) -> dict:
    rows = queries.board(community, timezone.now())
    gaps = queries.gaps_of(rows)
    return {"gaps": gaps, "posts": len(rows), "kept": sum(1 for r in rows if r.status == "ok")}


PANELS = [
    Panel(
        key="my_post",
        template="security/posts/my_post_panel.html",
        context=_my_post,
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
