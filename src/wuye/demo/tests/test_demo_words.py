"""The demo's records are written as an office in Hami writes them: in Chinese. No name,
note, post or line item of the demo modules carries English words."""

import ast
import re
from pathlib import Path

import wuye.demo

ENGLISH = re.compile(r"[A-Za-z]{2,}[,;:.]? [A-Za-z]{2,}")
SQL = re.compile(r"(INSERT|ANALYZE|UPDATE|SELECT) ")
NOT_DATA = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def _records(path: Path):
    """The module's string constants that become data: not docstrings, messages to the
    operator (raised or translated), SQL or audit action names."""
    tree = ast.parse(path.read_text())
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))
        called = isinstance(node, ast.Call) and getattr(node.func, "id", "") in NOT_DATA
        if isinstance(node, ast.Raise) or called:
            skip.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and id(node) not in skip and not SQL.match(text):
            yield node.lineno, text


def test_no_demo_record_is_written_in_english():
    folder = Path(wuye.demo.__file__).parent
    english = [
        f"{path.name}:{line}: {text}"
        for path in sorted(folder.glob("*.py"))
        for line, text in _records(path)
        if ENGLISH.search(text)
    ]
    assert english == []
