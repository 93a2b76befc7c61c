"""The PDF kit: every document is set in one embedded font, with a second one for the few
signs the first lacks, and text typed by people is printed as typed, never read as markup."""

from io import BytesIO

from reportlab.lib.pagesizes import A5

from wuye.core import pdf
from wuye.testing.pdf import assert_fonts_embedded, pdf_fonts, pdf_text


def _document(*texts: str) -> bytes:
    buffer = BytesIO()
    doc = pdf.document(buffer, pagesize=A5, margins=(10, 10, 10, 10), title="测试", author="物业")
    body = pdf.style("body", size=11)
    doc.build(
        [pdf.paragraph(text, body) for text in texts]
        + [pdf.table([["金额", pdf.paragraph(pdf.money(1250), body)]])]
    )
    return buffer.getvalue()


def test_chinese_and_the_signs_of_fees_print_as_typed_in_embedded_subsets():
    content = _document(
        "取暖费：22元/m²·采暖季，物业费0.80元/㎡·月",
        "作废 · 副本",
        "室温不低于18℃ ☐ 已阅 ★★★★★",
        "<b>not bold</b> & <font size=40>typed by a clerk</font>",
    )
    text = pdf_text(content)
    assert "取暖费：22元/m²·采暖季，物业费0.80元/㎡·月" in text
    assert "作废 · 副本" in text
    assert "室温不低于18℃ ☐ 已阅 ★★★★★" in text
    assert "<b>not bold</b> & <font size=40>typed by a clerk</font>" in text
    assert "¥1,250.00" in text
    assert_fonts_embedded(content)
    names = {font.name.partition("+")[2] for font in pdf_fonts(content)}
    assert names == {"KurintoSansSC-Rg", "KurintoSans-Rg"}  # ℃ ☐ ★ from the second


def test_signs_the_main_font_has_stay_in_it():
    assert pdf.markup("元/m² · ¥") == "元/m² · ¥"
    assert pdf.markup("18℃") == f'18<font face="{pdf.SYMBOLS}">℃</font>'
    assert pdf.markup("a<b") == "a&lt;b"
