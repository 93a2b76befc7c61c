"""A message that ends with a time ends with one full stop ("… at Nov. 28, 2036, 07:03.")."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wuye.engagement.models import Vote
from wuye.engagement.votes.tests.fixtures import cast, put_vote

MORNING = datetime(2036, 11, 28, 7, 3, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_ballot_before_the_vote_opens_is_refused_in_one_sentence(site):
    later = put_vote(site, opens_in=timedelta(days=1))
    Vote.objects.filter(pk=later.pk).update(opens_at=MORNING, closes_at=MORNING + timedelta(days=7))
    later.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        cast(site, later, "owner", "owner_home")
    assert refused.value.messages == ["Voting opens at Nov. 28, 2036, 07:03."]
