"""How people are named to other people."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def display_name(user) -> str:
    """A person's full name as others know them, else their login; "" for nobody.

    A Chinese name is written family name first, with no space (王建国, not "建国 王").
    """
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and CJK.search(first + last):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()
