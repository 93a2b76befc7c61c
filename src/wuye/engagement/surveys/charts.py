"""Survey results as inline SVG (pygal) and as an Excel workbook."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.core.charts import (
    GREEN,
    GREY,
    RED,
    HorizontalBar,
    Layout,
    config,
    label_room,
    lines_of,
    responsive,
    wrap,
)
from wuye.core.spreadsheets import Rate, workbook

from ..models import QuestionKind, Survey
from .queries import SurveyResults


def _float(value) -> float | None:
    return None if value is None else float(value)


def satisfaction_by_dimension(results: SurveyResults) -> SafeString:
    """Each dimension's satisfaction rate, green where it meets the target and red where not,
    beside the previous round's in grey."""
    # pygal draws horizontal bars from the bottom up: reversed, they read like the table.
    rows = [*results.dimensions, results.total][::-1]
    title = _("Satisfaction rate by dimension")

    def draw(layout: Layout):
        labels = [wrap(row.label, label_room(layout)) for row in rows]
        series = 2 if results.previous is not None else 1
        chart = HorizontalBar(
            **config(
                layout=layout,
                height=max(180, 18 * lines_of(labels) + 26 * series * len(rows) + 80),
                range=(0, 100),
                print_values=True,
                value_formatter=lambda v: f"{v:.1f} %",
                no_data_text=_("No ratings yet"),
            )
        )
        chart.x_labels = labels
        chart.add(
            _("This round"),
            [
                {
                    "value": _float(row.rate),
                    "color": GREY if row.met is None else GREEN if row.met else RED,
                    "label": f"{row.satisfied} / {row.ratings}",
                }
                for row in rows
            ],
        )
        if results.previous is not None:
            chart.add(_("Previous round"), [_float(row.previous_rate) for row in rows])
        return chart

    return responsive(draw, title)


def _percent(value) -> Rate | None:
    return None if value is None else Rate(value / 100)


def results_book(results: SurveyResults, texts, answered) -> bytes:
    """The results (rates by dimension, each question) and the free-text answers, as Excel."""
    survey: Survey = results.survey
    summary = [
        [_("Survey"), survey.title],
        [_("Homes asked"), results.audience],
        [_("Homes that answered"), results.answered],
        [_("Response rate"), _percent(results.response_rate)],
        [_("Satisfaction target"), _percent(results.target)],
    ]
    if results.previous is not None:
        summary += [
            [_("Previous round"), results.previous.title],
            [_("Previous response rate"), _percent(results.previous_response_rate)],
        ]
    dimensions = [
        [
            row.label,
            row.ratings,
            row.satisfied,
            _percent(row.rate),
            None if row.average is None else float(row.average),
            _percent(row.previous_rate),
            _percent(row.target),
        ]
        for row in [*results.dimensions, results.total]
    ]
    questions = []
    for item in results.questions:
        q = item.question
        head = [q.order, q.text, q.get_dimension_display(), q.get_kind_display(), item.answers]
        if q.kind == QuestionKind.RATING:
            questions.append(
                [*head, "", None, _percent(item.rate), float(item.average or 0), *item.distribution]
            )
        for option in item.options:
            questions.append(
                [*head, option["option"].text, option["count"], _percent(option["share"])]
            )
        if q.kind == QuestionKind.TEXT:
            questions.append(head)
    text_rows = [
        [
            t.question.order,
            t.question.text,
            "" if survey.anonymous else t.response.participation.unit.label,
            t.text,
        ]
        for t in texts
    ]
    homes = [
        [
            p.unit.label,
            p.get_channel_display(),
            timezone.localtime(p.answered_at).replace(tzinfo=None),
        ]
        for p in answered
    ]
    return workbook(
        [
            (_("Summary"), [_("Figure"), _("Value")], summary),
            (
                _("By dimension"),
                [
                    _("Dimension"),
                    _("Ratings"),
                    _("Satisfied (4–5)"),
                    _("Satisfaction rate"),
                    _("Average score"),
                    _("Previous round"),
                    _("Target"),
                ],
                dimensions,
            ),
            (
                _("Questions"),
                [
                    _("No."),
                    _("Question"),
                    _("Dimension"),
                    pgettext("survey question", "Kind"),
                    _("Homes that answered"),
                    _("Option"),
                    _("Chosen"),
                    _("Share or satisfaction rate"),
                    _("Average score"),
                    "1",
                    "2",
                    "3",
                    "4",
                    "5",
                ],
                questions,
            ),
            (_("Written answers"), [_("No."), _("Question"), _("Home"), _("Answer")], text_rows),
            (_("Homes that answered"), [_("Home"), _("Channel"), _("Answered at")], homes),
        ]
    )
