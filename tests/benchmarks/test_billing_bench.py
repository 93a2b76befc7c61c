"""`make bench`: the billing benchmark inside the test run (see wuye/billing/bench.py)."""

import pytest

from wuye.billing import bench

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]


def test_monthly_bill_run_beside_its_floor_and_payments_per_second(capsys):
    with capsys.disabled():
        bench.run(out=_Out(), scale=0.05)


class _Out:
    def write(self, text: str) -> None:
        print(text, end="")
