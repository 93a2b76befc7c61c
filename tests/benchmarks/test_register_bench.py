"""`make bench`: the register benchmark inside the test run (see wuye/estates/bench.py)."""

import pytest

from wuye.estates import bench

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def test_register_pages_and_endpoints_on_the_demo(capsys):
    with capsys.disabled():
        bench.run(out=_Out())


class _Out:
    def write(self, text: str) -> None:
        print(text, end="")
