"""Counting owners' votes (业主表决) the way 民法典 §278 and the Supreme People's Court's
interpretation on building ownership (法释〔2009〕7号 §8–9) count them. Pure functions: no
database, so a tally can be recomputed from a frozen electorate and the ballots at any time.

The rules, as decided for Wuye:

- The electorate is every exclusive part (专有部分) of the community: every home, shop,
  office or clubhouse in the register, each weighted by its registered building area. Common
  parts are not registered as units, so everything the register holds is someone's.
- Heads are people, not homes. The owners of one home together count as one person (一个
  专有部分按一人计算); an owner of several homes counts once (同一买受人拥有多个专有部分的，
  按一人计算). Both at once: homes whose owners overlap belong to one person, transitively.
- The developer's unsold homes count as one person holding all of their area.
- A home with no registered owner that is not unsold counts as one person of its own: its
  owner is unknown, so it cannot be merged with anyone else.
- Taking part means casting a ballot (for, against or abstain). A person takes part when a
  ballot was cast for at least one of their homes; only the homes voted add to the area.
- A person agrees by head only when every ballot cast for their homes says "for": an owner
  whose homes voted differently takes part but does not count as agreeing.
- Quorum: at least 2/3 of the area and at least 2/3 of the people take part.
- Approval, against those taking part: an ordinary matter passes with MORE than 1/2 of the
  area and MORE than 1/2 of the people; a major matter (raising the maintenance fund,
  rebuilding, changing the use of common parts or running a business on them) with AT LEAST
  3/4 of both. Exactly half is not enough; exactly three quarters is.

All comparisons are exact (areas are Decimal with two places, shares are Fractions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
ORDINARY, MAJOR = "ordinary", "major"

DEVELOPER = "developer"
QUORUM = Fraction(2, 3)
# matter -> (share of those taking part, whether the share itself is enough)
APPROVAL = {ORDINARY: (Fraction(1, 2), False), MAJOR: (Fraction(3, 4), True)}


@dataclass(frozen=True)
class Home:
    """One exclusive part in the electorate: its area and the person who holds it."""

    unit_id: int
    area: Decimal
    person: str


def person_keys(
    owners_by_home: Mapping[int, Iterable[int]], unsold: Iterable[int] = ()
) -> dict[int, str]:
    """The person who holds each home: `owner:<id>`, `developer` or `home:<id>`.

    Homes whose owner sets share a resident are one person (named by the smallest owner id
    among them); unsold homes without an owner are the developer's; any other home without
    an owner is a person of its own.
    """
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for owners in owners_by_home.values():
        owners = list(owners)
        for owner in owners:
            parent.setdefault(owner, owner)
        for owner in owners[1:]:
            a, b = root(owners[0]), root(owner)
            if a != b:
                parent[max(a, b)] = min(a, b)
    # Roots are always the smallest owner id of their group: the larger root joins the smaller.
    unsold = set(unsold)
    keys: dict[int, str] = {}
    for unit_id, owners in owners_by_home.items():
        owners = list(owners)
        if owners:
            keys[unit_id] = f"owner:{root(owners[0])}"
        elif unit_id in unsold:
            keys[unit_id] = DEVELOPER
        else:
            keys[unit_id] = f"home:{unit_id}"
    return keys


@dataclass(frozen=True)
class Threshold:
    """One threshold: what is measured, the figure, the bar, and whether it was met."""

    name: str
    part: Decimal | int
    whole: Decimal | int
    bar: Fraction
    strict: bool
    met: bool

    @property
    def share(self) -> Fraction:
        return Fraction(self.part) / Fraction(self.whole) if self.whole else Fraction(0)


@dataclass(frozen=True)
class Tally:
    matter: str
    eligible_area: Decimal
    eligible_owners: int
    participating_area: Decimal
    participating_owners: int
    for_area: Decimal
    for_owners: int
    against_area: Decimal
    abstain_area: Decimal
    quorum: tuple[Threshold, Threshold]
    approval: tuple[Threshold, Threshold]
    ballots: int = field(default=0)

    @property
    def quorum_met(self) -> bool:
        return all(t.met for t in self.quorum)

    @property
    def approved(self) -> bool:
        return all(t.met for t in self.approval)

    @property
    def passed(self) -> bool:
        return self.quorum_met and self.approved


def _test(name: str, part, whole, bar: Fraction, at_least: bool) -> Threshold:
    if not whole:
        return Threshold(name, part, whole, bar, not at_least, False)
    share = Fraction(part) / Fraction(whole)
    met = share >= bar if at_least else share > bar
    return Threshold(name, part, whole, bar, not at_least, met)


def count(homes: Iterable[Home], ballots: Mapping[int, str], matter: str) -> Tally:
    """The tally of `ballots` ({unit_id: choice}, the current ballot of each home voted)."""
    homes = list(homes)
    by_unit = {home.unit_id: home for home in homes}
    people = {home.person for home in homes}
    area = {FOR: Decimal("0"), AGAINST: Decimal("0"), ABSTAIN: Decimal("0")}
    choices_of: dict[str, set[str]] = {}
    for unit_id, choice in ballots.items():
        home = by_unit.get(unit_id)
        if home is None:
            continue
        area[choice] += home.area
        choices_of.setdefault(home.person, set()).add(choice)
    eligible_area = sum((home.area for home in homes), Decimal("0"))
    participating_area = area[FOR] + area[AGAINST] + area[ABSTAIN]
    participating_owners = len(choices_of)
    for_owners = sum(1 for choices in choices_of.values() if choices == {FOR})
    bar, at_least = APPROVAL[matter]
    return Tally(
        matter=matter,
        eligible_area=eligible_area,
        eligible_owners=len(people),
        participating_area=participating_area,
        participating_owners=participating_owners,
        for_area=area[FOR],
        for_owners=for_owners,
        against_area=area[AGAINST],
        abstain_area=area[ABSTAIN],
        quorum=(
            _test("participating_area", participating_area, eligible_area, QUORUM, True),
            _test("participating_owners", participating_owners, len(people), QUORUM, True),
        ),
        approval=(
            _test("for_area", area[FOR], participating_area, bar, at_least),
            _test("for_owners", for_owners, participating_owners, bar, at_least),
        ),
        ballots=sum(1 for unit_id in ballots if unit_id in by_unit),
    )


# ---- in words ----------------------------------------------------------------------------


def percent(share: Fraction) -> str:
    """A share as a percentage with two places, rounded half up: 2/3 → "66.67%"."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def bar_text(test: Threshold) -> str:
    fraction = f"{test.bar.numerator}/{test.bar.denominator}"
    if test.strict:
        return _("more than %(fraction)s") % {"fraction": fraction}
    return _("at least %(fraction)s") % {"fraction": fraction}


def _sentence(test: Threshold) -> str:
    figures = {
        "part": test.part,
        "whole": test.whole,
        "share": percent(test.share),
        "bar": bar_text(test),
    }
    if test.name == "participating_area":
        text = _(
            "Homes with %(part)s m² of %(whole)s m² took part (%(share)s); "
            "the quorum is %(bar)s of the area."
        )
    elif test.name == "participating_owners":
        text = _(
            "%(part)s of %(whole)s owners took part (%(share)s); "
            "the quorum is %(bar)s of the owners."
        )
    elif test.name == "for_area":
        text = _(
            "Homes with %(part)s m² of the %(whole)s m² taking part agreed (%(share)s); "
            "%(bar)s is needed."
        )
    else:
        text = _(
            "%(part)s of the %(whole)s owners taking part agreed (%(share)s); %(bar)s is needed."
        )
    mark = _("Met.") if test.met else _("Not met.")
    return f"{text % figures} {mark}"


def explain(tally: Tally) -> str:
    """Why the vote passed or failed, in plain words naming each threshold and its figure."""
    matter = _("a major matter") if tally.matter == MAJOR else _("an ordinary matter")
    lines = [_sentence(t) for t in tally.quorum]
    if not tally.quorum_met:
        verdict = _("Not passed: too few owners took part for the vote to count (%(matter)s).")
    else:
        lines += [_sentence(t) for t in tally.approval]
        if tally.approved:
            verdict = _(
                "Passed: both the area and the owners agreeing reach the bar of %(matter)s."
            )
        else:
            verdict = _("Not passed: the owners agreeing fall short of the bar of %(matter)s.")
    return " ".join([verdict % {"matter": matter}, *lines])
