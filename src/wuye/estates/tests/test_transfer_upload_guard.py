"""A register workbook that would sink the server is refused before it is expanded: the
manager sees why, the register is unchanged, and the upload takes little memory."""

import pytest
from django.urls import reverse

from wuye.testing import bombs

from .fixtures import UNIT_HEADERS, register_state


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (
            lambda: bombs.wide_rows(UNIT_HEADERS, 10_000, title="房屋"),
            "has cells as far as column XFD",
        ),
        (
            lambda: bombs.empty_rows(UNIT_HEADERS, 200_000, title="房屋"),
            "has more than 20,000 rows",
        ),
        (
            lambda: bombs.huge_string(UNIT_HEADERS, 200, title="房屋"),
            "unpacks to far more than its cells",
        ),
    ],
    ids=["wide-rows", "empty-rows", "huge-string"],
)
def test_a_bomb_of_a_register_is_refused_and_changes_nothing(client, site, build, says):
    upload = build()
    before = register_state(site.community)
    client.force_login(site.manager)

    with bombs.peak_memory() as peak:
        response = client.post(
            reverse("estates:transfer", args=[site.community.pk]), {"file": upload}
        )

    assert response.status_code == 422
    assert says in " ".join(response.context["form"].errors["file"])
    assert register_state(site.community) == before
    assert peak.bytes < bombs.MEMORY_BOUND
