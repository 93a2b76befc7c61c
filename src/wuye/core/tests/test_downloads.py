"""A download keeps its name in any language: plain for ASCII names, RFC 5987 otherwise."""

from wuye.core import downloads, spreadsheets
from wuye.testing.downloads import saved_as


def test_a_chinese_name_is_sent_as_utf8_for_the_browser_to_keep():
    response = spreadsheets.response(b"PK", "收缴报表-BDX-2026-12.xlsx")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%94%B6%E7%BC%B4%E6%8A%A5%E8%A1%A8-BDX-2026-12.xlsx"
    )
    assert saved_as(response) == ("attachment", "收缴报表-BDX-2026-12.xlsx")


def test_a_pdf_opens_in_the_browser_under_its_name():
    response = downloads.pdf_response(b"%PDF-", "service-report-2026-11.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="service-report-2026-11.pdf"'
