"""The management service report's fund-usage section, from the published periods."""

from datetime import date
from decimal import Decimal

from wuye.core.report import Period, sections
from wuye.engagement.publicity import services
from wuye.engagement.publicity.report import section

from .fixtures import draft, published


def figures(result) -> dict[str, str]:
    return {f.label: f.value for f in result.figures}


def test_a_quarter_reports_its_published_quarter(site):
    published(site)
    result = section(site.community, Period.quarter(2026, 3))
    assert figures(result) == {
        "Income": "¥352,000.50",
        "Property fees collected": "¥300,000.00",
        "Common-area income": "¥52,000.50",
        "Costs of common-area income": "¥10,000.00",
        "To the maintenance fund": "¥21,000.25",
        "Spending": "¥215,000.00",
        "Income less spending": "¥137,000.50",
    }
    assert result.note == "From the published fund-usage periods: Q3 2026."
    assert result.chart.series["Yuan"][0] == Decimal("300000.00")
    assert "fund_usage" in [s.key for s in sections(site.community, Period.quarter(2026, 3))]


def test_months_inside_a_quarter_add_up_and_a_quarter_is_not_counted_twice(site):
    for month in (7, 8):
        published(site, kind="month", start=date(2026, month, 1), lines=[("parking", "P", "1000")])
    result = section(site.community, Period.quarter(2026, 3))
    assert figures(result)["Common-area income"] == "¥2,000.00"
    assert figures(result)["To the maintenance fund"] == "¥1,000.00"
    published(site)
    assert figures(section(site.community, Period.quarter(2026, 3)))["Income"] == "¥352,000.50"


def test_a_month_shows_the_whole_published_quarter_that_contains_it(site):
    published(site)
    result = section(site.community, Period.month(2026, 8))
    assert figures(result)["Income"] == "¥352,000.50"
    assert "whole published period Q3 2026" in result.note


def test_a_correction_replaces_what_it_corrects_and_drafts_do_not_count(site):
    original = published(site)
    correction = services.fund_period_correct(actor=site.manager, period=original)
    services.fund_line_add(
        actor=site.manager,
        period=correction,
        category="venue_rent",
        description="Hall",
        amount="500",
    )
    assert figures(section(site.community, Period.quarter(2026, 3)))["Income"] == "¥352,000.50"
    services.fund_period_publish(actor=site.manager, period=correction)
    assert figures(section(site.community, Period.quarter(2026, 3)))["Income"] == "¥352,500.50"


def test_nothing_published_leaves_the_section_out(site):
    services.fund_period_publish(actor=site.manager, period=draft(site))
    draft(site, start=date(2026, 4, 1))
    assert section(site.community, Period.quarter(2026, 2)) is None
    assert section(site.community, Period.quarter(2026, 4)) is None
