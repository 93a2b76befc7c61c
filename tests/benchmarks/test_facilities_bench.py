"""`make bench`: the maintenance generation's benchmark (see wuye/facilities/bench.py)."""

import pytest

from wuye.facilities import bench

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]


def test_a_year_of_maintenance_tasks_beside_the_floor(capsys):
    with capsys.disabled():
        bench.run(out=_Out(), scale=0.1)


class _Out:
    def write(self, text: str) -> None:
        print(text, end="")
