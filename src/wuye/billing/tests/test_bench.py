"""The billing benchmark keeps working: its bill run writes what its floor writes."""

import io

from wuye.billing import bench
from wuye.billing.models import Charge, Payment


def test_the_benchmark_bills_every_home_once_and_takes_payments(db):
    out = io.StringIO()
    bench.run(out=out, scale=0.0003)
    report = out.getvalue()
    assert "bill run (30 charges)" in report
    assert "payments posted through payment_record" in report
    assert Charge.objects.filter(period=bench.RUN_PERIOD).count() == 30
    assert Payment.objects.count() == 20
