from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from wuye.core import validators as v
from wuye.testing.factories import valid_id_number


def test_full_width_digits_and_stray_spaces_are_normalised():
    assert v.clean_text("  ３号楼　２单元  ") == "3号楼 2单元"
    assert v.normalize_mobile("１３９ １２３４ ５６７８") == "13912345678"
    assert v.normalize_mobile("+86 139-1234-5678") == "13912345678"


@pytest.mark.parametrize("bad", ["1391234567", "23912345678", "139123456789", "abc"])
def test_bad_mobiles_are_refused(bad):
    with pytest.raises(ValidationError):
        v.normalize_mobile(bad)


def test_id_number_with_x_check_digit_is_accepted_in_either_case():
    # 11010519491231002X is the standard's own example, check digit X.
    assert v.normalize_id_number("11010519491231002x") == "11010519491231002X"


def test_id_number_with_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as err:
        v.normalize_id_number("110105194912310021")
    assert err.value.code == "id_check"


def test_id_number_with_impossible_birth_date_is_refused():
    first17 = "65050219800230001"
    with pytest.raises(ValidationError) as err:
        v.normalize_id_number(first17 + v.id_check_digit(first17))
    assert err.value.code == "id_birth"


@given(
    st.integers(min_value=0, max_value=999),
    st.dates(
        min_value=__import__("datetime").date(1900, 1, 1),
        max_value=__import__("datetime").date(2025, 12, 31),
    ),
)
def test_every_generated_id_number_round_trips(seq, birth):
    number = valid_id_number(seq, birth=birth.strftime("%Y%m%d"))
    assert v.normalize_id_number(number) == number
    masked = v.mask_id_number(number)
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:] and "*" * 10 in masked


@pytest.mark.parametrize(
    "plate", ["新B12345", "新b 12345", "新B·12345", "新BD12345", "新B12345D", "京A1234学"]
)
def test_plates_are_accepted_and_normalised(plate):
    assert v.normalize_plate(plate).startswith(("新B", "京A"))


@pytest.mark.parametrize("plate", ["新I12345", "XB12345", "新B1234", "新B123456"])
def test_bad_plates_are_refused(plate):
    with pytest.raises(ValidationError):
        v.normalize_plate(plate)


def test_areas_must_be_positive():
    with pytest.raises(ValidationError):
        v.positive_area(Decimal("0"))
    v.positive_area(Decimal("0.01"))


def test_chinese_punctuation_in_free_text_is_kept():
    assert (
        v.clean_text("独居老人，子女在乌鲁木齐（每周来一次）")
        == "独居老人，子女在乌鲁木齐（每周来一次）"
    )
    assert v.clean_code("Ａ－００１") == "A-001"


@pytest.mark.parametrize(
    ("text", "row_id"),
    [("42", 42), (" 7 ", 7), ("abc", 0), ("1.5", 0), ("-3", 0), ("", 0), (None, 0), ("9" * 30, 0)],
)
def test_a_parameter_names_a_row_id_or_none(text, row_id):
    assert v.as_id(text) == row_id


@pytest.mark.parametrize(
    ("number", "masked"),
    [("13912340001", "139****0001"), ("0902-7654321", "090*****4321"), ("110", "*10"), ("", "")],
)
def test_every_phone_number_is_masked_not_only_mobiles(number, masked):
    assert v.mask_mobile(number) == masked
