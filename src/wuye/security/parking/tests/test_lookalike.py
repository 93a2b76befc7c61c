"""Finding a car inside by a plate misread or mistyped."""

import pytest

from wuye.security.parking.lookalike import distance, edits, ranked


@pytest.mark.parametrize(
    ("typed", "plate", "expected"),
    [
        ("新A12345", "新A12345", 0),
        ("A12345", "新A12345", 0),  # the province character left out
        ("新A1234S", "新A12345", 0),  # S for 5
        ("新AB2345", "新A82345", 0),  # B for 8
        ("新AD2345", "新A02345", 0),  # D for 0
        ("新A12346", "新A12345", 1),
        ("新A1234", "新A12345", 1),  # a character missing
        ("新A21345", "新A12345", 2),  # two swapped
        ("京A12345", "新A12345", 1),  # the wrong province counts once
        ("新A99999", "新A12345", 5),
    ],
)
def test_distance_counts_lookalikes_as_the_same_character(typed, plate, expected):
    assert distance(typed, plate) == expected


def test_edits_is_the_levenshtein_distance():
    assert edits("kitten", "sitting") == 3
    assert edits("", "abc") == 3


def test_ranked_lists_the_nearest_plates_within_two_edits():
    inside = ["新A12345", "新A12346", "新A88888", "新B12345", "新A1Z345", ""]
    assert ranked("A12345", inside) == [
        ("新A12345", 0),
        ("新A1Z345", 0),
        ("新A12346", 1),
        ("新B12345", 1),
    ]


def test_too_short_a_search_finds_nothing():
    assert ranked("新A1", ["新A12345"]) == []
