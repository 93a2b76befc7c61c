"""Finding a car inside by a plate read or typed wrongly.

Cameras and guards confuse characters that look alike (8 and B, 0, D and Q, 2 and Z, 5 and
S, 6 and G, 1 and I) and often miss or mistype the province character. Two plates are
compared after folding each such family into one character and, when either side has no
province character, without it; what remains may differ by up to two edits (a character
changed, missing or extra)."""

from __future__ import annotations

from wuye.core.validators import PROVINCES
from wuye.estates.plates import normalise

# Each family of lookalikes read as one character (I and O are folded by `normalise`).
_FOLD = str.maketrans({"B": "8", "D": "0", "Q": "0", "Z": "2", "S": "5", "G": "6", "I": "1"})
MAX_DISTANCE = 2


def folded(text: str) -> str:
    """The plate with its lookalikes folded together (the province character kept)."""
    plate = normalise(text)
    return plate[:1] + plate[1:].translate(_FOLD)


def _without_province(plate: str) -> str:
    return plate[1:] if plate[:1] in PROVINCES else plate


def edits(a: str, b: str) -> int:
    """Levenshtein distance: the fewest characters changed, added or removed."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def distance(typed: str, plate: str) -> int:
    """How far `typed` is from `plate`: lookalikes count as the same character, and the
    province character is compared only when both have one."""
    a, b = folded(typed), folded(plate)
    if a[:1] not in PROVINCES or b[:1] not in PROVINCES:
        a, b = _without_province(a), _without_province(b)
    return edits(a, b)


def ranked(typed: str, plates: list[str], limit: int = 10) -> list[tuple[str, int]]:
    """The plates within `MAX_DISTANCE` of `typed`, nearest first, with their distance."""
    typed = normalise(typed)
    if len(_without_province(typed)) < 3:
        return []
    scored = sorted(
        ((distance(typed, plate), edits(typed, plate), plate) for plate in set(plates) if plate),
        key=lambda row: (row[0], row[1], row[2]),
    )
    return [(plate, near) for near, _raw, plate in scored if near <= MAX_DISTANCE][:limit]
