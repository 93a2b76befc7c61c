import pytest
from django.core.exceptions import ValidationError

from wuye.estates import plates


@pytest.mark.parametrize(
    ("read", "plate"),
    [
        ("新a 12345", "新A12345"),
        ("京A·12345", "京A12345"),
        ("新Ｂ１２３４５", "新B12345"),
        ("沪AO1234", "沪A01234"),  # a camera's O after the authority's letter is a zero
        ("新b-i2345", "新B12345"),
    ],
)
def test_a_cameras_reading_finds_the_registers_plate(read, plate):
    assert plates.validate(read) == plate


@pytest.mark.parametrize("read", ["新A1234", "AB12345", "", "新A123456789"])
def test_what_is_not_a_plate_is_refused_with_the_registers_message(read):
    with pytest.raises(ValidationError) as error:
        plates.validate(read)
    assert error.value.code == "plate"


@pytest.mark.parametrize(
    ("plate", "colour"),
    [
        ("新B12345", plates.PlateColour.BLUE),
        ("粤BD12345", plates.PlateColour.GREEN),
        ("京A1234学", plates.PlateColour.YELLOW),
        ("京A1234警", plates.PlateColour.WHITE),
        ("粤Z1234港", plates.PlateColour.BLACK),
    ],
)
def test_the_colour_follows_the_plates_shape(plate, colour):
    assert plates.colour_of(plate) == colour
