import re

import pygal

from wuye.core.charts import (
    PHONE,
    STRETCH,
    WIDE,
    HorizontalBar,
    config,
    inline_svg,
    label_room,
    measured,
    responsive,
    wrap,
)


def test_a_chart_is_inline_svg_without_script_and_named_for_screen_readers():
    chart = pygal.Bar(**config(no_data_text="Nothing yet"))
    chart.add("Orders", [3, 5])
    svg = inline_svg(chart, 'Orders by "week" & <team>')
    assert svg.startswith("<svg ")
    assert "<script" not in svg
    assert 'aria-label="Orders by &quot;week&quot; &amp; &lt;team>"' in svg


def test_an_empty_chart_says_what_is_missing():
    chart = pygal.Bar(**config(no_data_text="No bills in this period"))
    assert "No bills in this period" in inline_svg(chart, "Bills")


# ---- readable on a phone ----------------------------------------------------------------------

# The card a chart sits in on a 390 px phone is about 335 px wide.
PHONE_CARD_PX = 335


def _phone_part(html: str) -> str:
    return html.split('class="chart chart-phone')[1]


def test_on_a_phone_every_text_of_a_chart_shows_at_11_px_or_more():
    def draw(layout):
        chart = pygal.Bar(**config(layout=layout, no_data_text="No bills", height=300))
        chart.x_labels = ["2026-01", "2026-02", "2026-03"]
        chart.add("Receivable", [1200.5, 1300, 900])
        return chart

    phone = _phone_part(responsive(draw, "Bills"))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', phone).group(1))
    sizes = [int(size) for size in re.findall(r"font-size:(\d+)px", phone)]
    assert sizes
    assert min(sizes) * PHONE_CARD_PX / width >= 11


def test_the_page_shows_the_wide_drawing_or_the_phone_drawing_and_prints_the_wide_one():
    html = responsive(lambda layout: pygal.Bar(**config(layout=layout, no_data_text="-")), "x")
    assert 'class="chart chart-wide d-none d-md-block d-print-block"' in html
    assert 'class="chart chart-phone d-md-none d-print-none"' in html
    assert html.count("<svg") == 2
    assert f'viewBox="0 0 {WIDE.width} ' in html and f'viewBox="0 0 {PHONE.width} ' in html


def test_a_long_chinese_name_wraps_between_characters_and_an_english_one_at_spaces():
    assert wrap("投诉", 16) == measured("投诉")
    lines = wrap("公共区域报修及时完成率统计", 16).replace(STRETCH, "").split("\n")
    assert lines == ["公共区域报修及时完", "成率统计"]
    assert wrap("Resolved on time by the engineering team", 16).split("\n") == [
        "Resolved on time",
        "by the",
        "engineering team",
    ]


def test_wrapped_category_names_are_drawn_line_by_line_and_fit_their_margin():
    labels = [
        wrap("公共区域报修及时完成率统计", label_room(PHONE)),
        wrap("投诉", label_room(PHONE)),
    ]
    chart = HorizontalBar(
        **config(layout=PHONE, no_data_text="-", height=200, show_legend=False, range=(0, 100))
    )
    chart.x_labels = labels
    chart.add("On time", [50, 80])
    svg = inline_svg(chart, "On time")
    assert "<tspan" in svg and "公共区域报修及时完</tspan>" in svg and "成率统计</tspan>" in svg
    assert STRETCH not in svg
    left = float(re.search(r'translate\(([\d.]+), [\d.]+\)" class="plot"', svg).group(1))
    # nine characters of 12 px on the longest line, plus the gap to the axis; not all thirteen
    assert 9 * 12 <= left < 13 * 12


def test_a_value_too_long_for_its_bar_is_printed_after_the_bar_not_over_the_name():
    chart = HorizontalBar(
        **config(
            layout=PHONE,
            no_data_text="-",
            height=200,
            show_legend=False,
            range=(0, 100),
            print_values=True,
            value_formatter=lambda v: f"{v:.1f} %",
        )
    )
    chart.x_labels = ["No team", "Engineering"]
    chart.add("On time", [0.0, 80.0])
    svg = inline_svg(chart, "On time")
    assert re.search(r'text-anchor="start"[^>]*class="value">0.0 %<', svg)
    assert re.search(r'text-anchor="middle"[^>]*class="value">80.0 %<', svg)
