"""Fund-usage publicity (财务公示): drafts prepared by staff, published by a manager, never
changed afterwards, corrected by new publications; the owners' committee sees the detail."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from wuye.billing.tests.fixtures import billed_home
from wuye.core.models import AuditEntry
from wuye.engagement.models import (
    CommitteeMember,
    FundLine,
    FundPeriod,
    PublishedError,
    top_up,
)
from wuye.engagement.publicity import queries, services
from wuye.testing import factories as f

from .fixtures import Q3, draft, published, seat

# ---- the owners' committee -----------------------------------------------------------------


def test_a_seated_owner_is_a_committee_member_until_the_term_ends(site):
    assert not queries.is_committee_member(site.owner, site.community.pk)
    member = seat(site, role="chair")
    site.owner.__dict__.pop("_wuye_policy", None)
    assert queries.is_committee_member(site.owner, site.community.pk)
    assert not queries.is_committee_member(site.owner, site.other.pk)
    assert not queries.is_committee_member(site.owner2, site.community.pk)
    services.committee_member_end(
        actor=site.manager, member=member, end_date=timezone.localdate() - timedelta(days=1)
    )
    site.owner.__dict__.pop("_wuye_policy", None)
    assert not queries.is_committee_member(site.owner, site.community.pk)
    assert CommitteeMember.objects.filter(pk=member.pk).exists()
    actions = AuditEntry.objects.filter(object_type="engagement.committeemember")
    assert set(actions.values_list("action", flat=True)) == {"committee.add", "committee.end"}


def test_only_owners_of_the_community_sit_on_its_committee(site):
    with pytest.raises(ValidationError) as error:
        seat(site, resident="tenant")
    assert "resident" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.committee_member_add(
            actor=site.manager,
            community=site.community,
            resident=site.residents["other_owner"],
            role="member",
            start_date=date(2025, 1, 1),
        )
    assert "resident" in error.value.error_dict
    seat(site)
    with pytest.raises(ValidationError, match="already sits"):
        seat(site)


def test_only_managers_keep_the_committee_register(site):
    for user in (site.frontdesk, site.cashier, site.owner, site.other_manager):
        with pytest.raises(PermissionDenied):
            services.committee_member_add(
                actor=user,
                community=site.community,
                resident=site.residents["owner"],
                role="member",
                start_date=date(2025, 1, 1),
            )
    assert not CommitteeMember.objects.exists()


# ---- preparing and publishing --------------------------------------------------------------


def test_periods_start_where_their_kind_starts(site):
    for kind, start in (("quarter", date(2026, 2, 1)), ("half_year", date(2026, 4, 1))):
        with pytest.raises(ValidationError) as error:
            services.fund_period_create(
                actor=site.manager, community=site.community, kind=kind, start=start
            )
        assert "start" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.fund_period_create(
            actor=site.manager, community=site.community, kind="week", start=Q3
        )
    assert "kind" in error.value.error_dict
    half = services.fund_period_create(
        actor=site.manager, community=site.community, kind="half_year", start=Q3
    )
    assert (half.start, half.end, half.last_day) == (Q3, date(2027, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValidationError, match="already has a publication"):
        services.fund_period_create(
            actor=site.manager, community=site.community, kind="half_year", start=Q3
        )


def test_the_ledger_totals_by_category_and_tops_up_the_maintenance_fund(site):
    period = draft(site)
    ledger = queries.ledger(period, with_lines=True)
    assert ledger.income == Decimal("352000.50")
    assert ledger.spending == Decimal("215000.00")
    assert ledger.property_fees == Decimal("300000.00")
    assert ledger.common_area_income == Decimal("52000.50")
    # half of the common-area income after its costs: (52,000.50 − 10,000.00) × 50 %
    assert ledger.top_up_percent == Decimal("50.00")
    assert ledger.top_up == Decimal("21000.25")
    assert ledger.common_area_remainder == Decimal("21000.25")
    assert [len(r["lines"]) for r in ledger.income_rows] == [1, 1, 1, 0, 0]


def test_the_share_follows_the_communitys_rule_and_is_fixed_on_publication(site):
    services.fund_rule_set(actor=site.manager, community=site.community, top_up_percent="60")
    period = services.fund_period_publish(actor=site.manager, period=draft(site))
    assert period.top_up_percent == Decimal("60.00")
    assert queries.ledger(period, False).top_up == Decimal("25200.30")
    services.fund_rule_set(actor=site.manager, community=site.community, top_up_percent="80")
    period.refresh_from_db()
    assert queries.ledger(period, False).top_up == Decimal("25200.30")
    with pytest.raises(ValidationError) as error:
        services.fund_rule_set(actor=site.manager, community=site.community, top_up_percent="101")
    assert "top_up_percent" in error.value.error_dict


def test_top_up_is_nothing_when_costs_eat_the_income():
    assert top_up(Decimal("100.00"), Decimal("150.00"), Decimal("50")) == Decimal("0.00")
    assert top_up(Decimal("100.01"), Decimal("0"), Decimal("50")) == Decimal("50.01")


def test_bad_lines_are_refused_naming_the_field(site):
    period = draft(site, lines=[])
    for category, description, amount, field in (
        ("wine", "Party", "10", "category"),
        ("staff", "  ", "10", "description"),
        ("staff", "Wages", "-5", "amount"),
        ("staff", "Wages", "1.005", "amount"),
        ("staff", "Wages", "lots", "amount"),
        ("staff", "Wages", "NaN", "amount"),
        ("staff", "Wages", "8.7e263", "amount"),
    ):
        with pytest.raises(ValidationError) as error:
            services.fund_line_add(
                actor=site.manager,
                period=period,
                category=category,
                description=description,
                amount=amount,
            )
        assert field in error.value.error_dict
    assert not period.lines.exists()


def test_collected_property_fees_are_filled_from_the_payments_of_the_period(site):
    billed_home(site.units["owner_home"], site.admin, period=f"{timezone.localdate():%Y-%m}")
    today = timezone.localdate()
    period = services.fund_period_create(
        actor=site.manager,
        community=site.community,
        kind="month",
        start=today.replace(day=1),
    )
    # a new draft starts with the fees collected in its period
    assert list(period.lines.values_list("description", "amount", "source")) == [
        ("Property fee", Decimal("20.00"), "billing")
    ]
    services.fund_line_add(
        actor=site.manager, period=period, category="staff", description="Wages", amount="100"
    )
    # filling again replaces the billing lines and keeps the ones entered by hand
    services.fund_period_fill_fees(actor=site.manager, period=period)
    assert sorted(period.lines.values_list("source", "amount")) == [
        ("billing", Decimal("20.00")),
        ("manual", Decimal("100.00")),
    ]
    earlier = services.fund_period_create(
        actor=site.manager, community=site.community, kind="month", start=date(2025, 1, 1)
    )
    assert services.fund_period_fill_fees(actor=site.manager, period=earlier) == []


def test_staff_prepare_and_only_managers_publish(site):
    period = draft(site)
    for user in (site.frontdesk, site.cashier, site.owner, site.other_manager):
        with pytest.raises(PermissionDenied):
            services.fund_period_publish(actor=user, period=period)
        with pytest.raises(PermissionDenied):
            services.fund_line_add(
                actor=user, period=period, category="staff", description="x", amount="1"
            )
    with pytest.raises(ValidationError, match="Add the period"):
        services.fund_period_publish(
            actor=site.manager, period=draft(site, start=date(2026, 4, 1), lines=[])
        )
    services.fund_period_publish(actor=site.manager, period=period)
    actions = list(
        AuditEntry.objects.filter(object_type="engagement.fundperiod", object_id=str(period.pk))
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "publicity.create",
        "publicity.fill_fees",
        *["publicity.line_add"] * 6,
        "publicity.publish",
    ]


# ---- publicity immutability ----------------------------------------------------------------


def test_a_published_period_cannot_change_through_the_services(site):
    period = published(site)
    line = period.lines.first()
    attempts = [
        lambda: services.fund_line_add(
            actor=site.manager, period=period, category="staff", description="x", amount="1"
        ),
        lambda: services.fund_line_remove(actor=site.manager, line=line),
        lambda: services.fund_period_fill_fees(actor=site.manager, period=period),
        lambda: services.fund_period_publish(actor=site.manager, period=period),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="correction"):
            attempt()
    assert period.lines.count() == 6


def test_a_published_period_cannot_change_through_the_models_or_querysets(site):
    period = published(site)
    before = list(FundLine.objects.filter(period=period).values_list("pk", "amount"))
    period.note = "changed"
    line = period.lines.first()
    line.amount = Decimal("1.00")
    attempts = [
        period.save,
        period.delete,
        line.save,
        line.delete,
        lambda: FundPeriod.objects.filter(pk=period.pk).update(note="changed"),
        lambda: FundPeriod.objects.all().delete(),
        lambda: FundLine.objects.filter(period=period).update(amount=Decimal("1.00")),
        lambda: FundLine.objects.filter(pk=line.pk).delete(),
        lambda: FundLine.objects.create(
            period=period, side="income", category="parking", description="x", amount=1
        ),
        lambda: FundLine.objects.bulk_create(
            [FundLine(period=period, side="income", category="parking", description="x", amount=1)]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PublishedError):
            attempt()
    stored = FundPeriod.objects.get(pk=period.pk)
    assert stored.note == "" and stored.published_at == period.published_at
    assert list(FundLine.objects.filter(period=period).values_list("pk", "amount")) == before


def test_drafts_can_still_change_through_the_models(site):
    period = draft(site)
    FundLine.objects.filter(period=period, category="staff").update(amount=Decimal("1.00"))
    period.note = "Checked by the accountant"
    period.save()
    assert FundPeriod.objects.get(pk=period.pk).note == "Checked by the accountant"


def test_a_correction_is_a_new_publication_that_names_the_corrected_one(site):
    original = published(site)
    correction = services.fund_period_correct(
        actor=site.manager, period=original, note="Advertising was under-stated."
    )
    assert correction.corrects == original and correction.published_at is None
    assert sorted(correction.lines.values_list("category", "amount")) == sorted(
        original.lines.values_list("category", "amount")
    )
    with pytest.raises(ValidationError, match="already has a correction"):
        services.fund_period_correct(actor=site.manager, period=original)
    services.fund_line_add(
        actor=site.manager,
        period=correction,
        category="advertising",
        description="Notice-board ads",
        amount="2000",
    )
    # until the correction is published, the original is the current publication
    assert list(FundPeriod.objects.current()) == [original]
    services.fund_period_publish(actor=site.manager, period=correction)
    assert list(FundPeriod.objects.current()) == [correction]
    original = FundPeriod.objects.select_related("corrected_by").get(pk=original.pk)
    assert original.corrected_by == correction
    assert queries.ledger(original, False).income == Decimal("352000.50")
    assert queries.ledger(correction, False).income == Decimal("354000.50")
    with pytest.raises(ValidationError, match="Only a published"):
        services.fund_period_correct(actor=site.manager, period=draft(site, start=date(2026, 1, 1)))


# ---- who sees what -------------------------------------------------------------------------


def test_residents_see_published_periods_of_their_community_staff_see_drafts_too(site):
    done = published(site)
    prepared = draft(site, start=date(2026, 10, 1))
    f.MembershipFactory(user=f.UserFactory(), community=site.community, role="accountant")
    for user in (site.owner, site.owner2, site.tenant, site.landlord):
        assert list(queries.publicity_visible_to(user)) == [done]
    for user in (site.manager, site.frontdesk, site.cashier, site.admin):
        assert set(queries.publicity_visible_to(user)) == {done, prepared}
    for user in (site.other_owner, site.other_manager, site.guard, site.electrician, site.nobody):
        assert list(queries.publicity_visible_to(user)) == []


def test_committee_members_and_staff_see_the_lines_other_owners_the_totals(site):
    period = published(site)
    seat(site, resident="owner2")
    assert queries.may_see_lines(site.owner2, period)
    assert queries.may_see_lines(site.manager, period)
    assert not queries.may_see_lines(site.owner, period)
    assert not queries.may_see_lines(site.tenant, period)


def test_the_accountant_prepares_and_fills_but_does_not_publish(site):
    accountant = f.UserFactory()
    f.MembershipFactory(user=accountant, community=site.community, role="accountant")
    period = services.fund_period_create(
        actor=accountant, community=site.community, kind="month", start=date(2026, 7, 1)
    )
    services.fund_line_add(
        actor=accountant, period=period, category="utilities", description="Lifts", amount="900"
    )
    assert services.fund_period_fill_fees(actor=accountant, period=period) == []
    with pytest.raises(PermissionDenied):
        services.fund_period_publish(actor=accountant, period=period)
    with pytest.raises(PermissionDenied):
        services.fund_rule_set(actor=accountant, community=site.community, top_up_percent="60")


def test_a_half_year_is_named_as_owners_say_it():
    first = FundPeriod(kind="half_year", start=date(2026, 1, 1))
    second = FundPeriod(kind="half_year", start=date(2026, 7, 1))
    assert (first.label, second.label) == ("First half of 2026", "Second half of 2026")
    with translation.override("zh-hans"):
        assert (first.label, second.label) == ("2026年上半年", "2026年下半年")
