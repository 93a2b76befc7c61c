"""Fund-usage publicity for tests: a quarter's draft with typical lines, its publication, and an
owner seated on the committee."""

from datetime import date

from wuye.engagement.publicity import services

Q3 = date(2026, 7, 1)


def draft(site, *, start=Q3, kind="quarter", lines=None):
    period = services.fund_period_create(
        actor=site.manager, community=site.community, kind=kind, start=start
    )
    defaults = [
        ("property_fees", "物业费 Property fees", "300000.00"),
        ("parking", "Ground parking", "40000.00"),
        ("advertising", "Lift advertising", "12000.50"),
        ("common_area_costs", "Parking attendants", "10000.00"),
        ("staff", "Wages", "180000.00"),
        ("greenery", "Summer watering", "25000.00"),
    ]
    for category, description, amount in defaults if lines is None else lines:
        services.fund_line_add(
            actor=site.manager,
            period=period,
            category=category,
            description=description,
            amount=amount,
        )
    return period


def published(site, **kwargs):
    return services.fund_period_publish(actor=site.manager, period=draft(site, **kwargs))


def seat(site, resident="owner", **kwargs):
    return services.committee_member_add(
        actor=site.manager,
        community=site.community,
        resident=site.residents[resident],
        role=kwargs.pop("role", "member"),
        start_date=kwargs.pop("start_date", date(2025, 1, 1)),
        **kwargs,
    )
