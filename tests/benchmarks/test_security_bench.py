"""`make bench`: the gate's benchmark inside the test run (see wuye/security/bench.py)."""

import pytest

from wuye.security import bench

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]


def test_pass_verification_and_gate_events_beside_their_floors(capsys):
    with capsys.disabled():
        bench.run(out=_Out(), scale=0.05)


class _Out:
    def write(self, text: str) -> None:
        print(text, end="")
