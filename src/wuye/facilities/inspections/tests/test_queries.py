"""The pass rate of a plan: of the tasks due in the window (done, or open past their date),
the share done with every item passing; skipped ones and today's open one do not count."""

from datetime import date, timedelta

from wuye.facilities.inspections import queries
from wuye.facilities.maintenance import services as maintenance

from .fixtures import START, good_answers, office_plan


def run_days(site, plan, outcomes: list[str]):
    """One task a day from START, each completed ("pass"/"fail"), skipped or left open."""
    for n, outcome in enumerate(outcomes):
        day = START + timedelta(days=n)
        task = maintenance.task_generate(plan, day)
        assert task is not None and task.occurrence == day
        if outcome in ("pass", "fail"):
            answers = good_answers(plan, failing=(3,) if outcome == "fail" else ())
            maintenance.task_complete(actor=site.electrician, task=task, answers=answers)
        elif outcome == "skip":
            maintenance.task_skip(actor=site.manager, task=task, reason="停电")
        if outcome == "open":
            return task
    return None


def test_the_pass_rate_counts_failures_and_overdue_tasks(site, team):
    plan = office_plan(site, team)
    run_days(site, plan, ["pass", "fail", "skip", "pass", "open"])
    today = START + timedelta(days=6)  # the open task of day 5 is overdue
    (rate,) = queries.pass_rates(site.community.pk, today, 14)
    assert (rate.due, rate.done, rate.passed, rate.rate) == (4, 3, 2, 50.0)


def test_todays_open_task_and_older_days_are_left_out(site, team):
    plan = office_plan(site, team)
    run_days(site, plan, ["fail", "pass", "open"])
    today = START + timedelta(days=2)
    (rate,) = queries.pass_rates(site.community.pk, today, 14)
    assert (rate.due, rate.passed) == (2, 1)
    (later,) = queries.pass_rates(site.community.pk, today + timedelta(days=14), 14)
    assert (later.due, later.rate) == (0, None)


def test_a_plan_with_every_task_passed_is_at_100(site, team):
    plan = office_plan(site, team)
    run_days(site, plan, ["pass", "pass"])
    (rate,) = queries.pass_rates(site.community.pk, START + timedelta(days=2), 30)
    assert rate.rate == 100.0


def test_the_office_inspection_is_undone_from_its_due_date(site, team):
    plan = office_plan(site, team)
    task = run_days(site, plan, ["open"])
    assert list(queries.office_inspection_undone(site.community.pk, START - timedelta(1))) == []
    assert list(queries.office_inspection_undone(site.community.pk, START)) == [task]
    assert list(queries.office_inspection_undone(site.other.pk, date(2026, 3, 9))) == []
