"""The Simplified Chinese translation is complete and compiled."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src/wuye/locale/zh_Hans/LC_MESSAGES"


def _entries():
    return [e for e in polib.pofile(str(LOCALE / "django.po")) if not e.obsolete]


def test_every_message_has_a_chinese_translation():
    untranslated = [e.msgid for e in _entries() if not e.translated()]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(LOCALE / "django.mo"))}
    stale = [
        e.msgid
        for e in _entries()
        if e.msgid and not e.msgid_plural and compiled.get((e.msgctxt, e.msgid)) != e.msgstr
    ]
    assert stale == [], "run `make messages` to recompile the catalogue"


def test_placeholders_survive_translation():
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    broken = [
        e.msgid
        for e in _entries()
        if e.msgstr and sorted(pattern.findall(e.msgid)) != sorted(pattern.findall(e.msgstr))
    ]
    assert broken == []
