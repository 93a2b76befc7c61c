import pygal

from wuye.core.charts import config, inline_svg


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
