"""Counting owners' votes: hand-made electorates with hand-computed results, and properties."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from wuye.engagement.votes.tally import (
    ABSTAIN,
    AGAINST,
    DEVELOPER,
    FOR,
    MAJOR,
    ORDINARY,
    Home,
    count,
    explain,
    percent,
    person_keys,
)


def homes(*specs: tuple[int, str, str]) -> list[Home]:
    """Homes from (unit id, area, person) triples."""
    return [Home(unit_id, Decimal(area), person) for unit_id, area, person in specs]


def equal_homes(n: int, area: str = "100.00") -> list[Home]:
    return [Home(i, Decimal(area), f"owner:{i}") for i in range(1, n + 1)]


# ---- who is one person --------------------------------------------------------------------


def test_an_owner_of_several_homes_is_one_person():
    keys = person_keys({1: [7], 2: [7], 3: [8]})
    assert keys[1] == keys[2] == "owner:7"
    assert keys[3] == "owner:8"


def test_co_owners_of_one_home_are_one_person_and_join_their_other_homes():
    # 8 and 9 own home 2 together; 9 also owns home 3 alone; 7 owns home 1.
    keys = person_keys({1: [7], 2: [8, 9], 3: [9]})
    assert keys[2] == keys[3] == "owner:8"
    assert keys[1] == "owner:7"


def test_unsold_homes_are_the_developer_and_unowned_homes_stand_alone():
    keys = person_keys({1: [], 2: [], 3: [], 4: [5]}, unsold=[1, 2])
    assert keys[1] == keys[2] == DEVELOPER
    assert keys[3] == "home:3"
    assert keys[4] == "owner:5"


def test_multi_home_owner_counts_once_by_head_and_fully_by_area():
    electorate = homes((1, "80.00", "owner:1"), (2, "120.00", "owner:1"), (3, "100.00", "owner:2"))
    result = count(electorate, {1: FOR, 2: FOR}, ORDINARY)
    assert result.eligible_owners == 2
    assert result.eligible_area == Decimal("300.00")
    assert result.participating_owners == 1
    assert result.participating_area == Decimal("200.00")
    assert result.for_owners == 1


def test_unsold_homes_count_as_one_person_with_all_their_area():
    electorate = homes(
        (1, "100.00", DEVELOPER),
        (2, "100.00", DEVELOPER),
        (3, "100.00", DEVELOPER),
        (4, "100.00", "owner:4"),
    )
    result = count(electorate, {1: AGAINST, 2: AGAINST, 3: AGAINST, 4: FOR}, ORDINARY)
    assert result.eligible_owners == 2
    assert result.against_area == Decimal("300.00")
    # Quorum met (everyone took part); by head one of two agrees (not more than half).
    assert result.quorum_met
    assert result.for_owners == 1
    assert not result.passed


def test_an_owner_whose_homes_disagree_takes_part_but_does_not_agree_by_head():
    electorate = homes((1, "100.00", "owner:1"), (2, "100.00", "owner:1"))
    result = count(electorate, {1: FOR, 2: AGAINST}, ORDINARY)
    assert result.participating_owners == 1
    assert result.for_owners == 0
    assert result.for_area == Decimal("100.00")


def test_abstentions_take_part_but_do_not_agree():
    electorate = equal_homes(4)
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: ABSTAIN}, ORDINARY)
    assert result.participating_owners == 4
    assert result.abstain_area == Decimal("100.00")
    assert result.for_owners == 3
    assert result.passed


def test_ballots_for_homes_outside_the_electorate_are_not_counted():
    result = count(equal_homes(3), {1: FOR, 2: FOR, 99: FOR}, ORDINARY)
    assert result.participating_owners == 2
    assert result.ballots == 2


# ---- quorum: at least 2/3 of the area and of the owners -------------------------------------


def test_quorum_exactly_two_thirds_is_met():
    result = count(equal_homes(3), {1: FOR, 2: FOR}, ORDINARY)
    assert result.quorum_met
    assert result.passed


def test_quorum_just_below_two_thirds_of_the_area_is_not_met():
    # 6 owners; 4 take part (2/3 by head) but their area is 0.01 m² short of 2/3.
    electorate = homes(
        (1, "100.00", "owner:1"),
        (2, "100.00", "owner:2"),
        (3, "100.00", "owner:3"),
        (4, "99.99", "owner:4"),
        (5, "100.00", "owner:5"),
        (6, "100.01", "owner:6"),
    )
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: FOR}, ORDINARY)
    assert result.participating_owners * 3 == result.eligible_owners * 2
    assert result.participating_area == Decimal("399.99")
    assert not result.quorum_met
    assert not result.passed
    assert "Not passed" in explain(result)


def test_quorum_just_below_two_thirds_of_the_owners_is_not_met():
    # 7 owners, 4 take part: 4/7 < 2/3 although they hold most of the area.
    electorate = [*homes((1, "900.00", "owner:1")), *equal_homes(7)[1:]]
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: FOR}, ORDINARY)
    assert result.participating_area * 3 > result.eligible_area * 2
    assert not result.quorum_met


# ---- approval ----------------------------------------------------------------------------


def test_ordinary_matter_with_exactly_half_agreeing_fails():
    result = count(equal_homes(4), {1: FOR, 2: FOR, 3: AGAINST, 4: AGAINST}, ORDINARY)
    assert result.quorum_met
    assert not result.passed
    assert "more than 1/2" in explain(result)


def test_ordinary_matter_with_just_over_half_of_area_and_owners_passes():
    electorate = homes(
        (1, "100.01", "owner:1"),
        (2, "100.00", "owner:2"),
        (3, "100.00", "owner:3"),
        (4, "99.99", "owner:4"),
        (5, "100.00", "owner:5"),
    )
    # 3 of 5 owners; 300.01 of 500.00 m².
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: AGAINST, 5: AGAINST}, ORDINARY)
    assert result.for_area == Decimal("300.01")
    assert result.passed


def test_ordinary_matter_with_half_the_area_but_most_owners_fails():
    electorate = homes(
        (1, "100.00", "owner:1"),
        (2, "50.00", "owner:2"),
        (3, "50.00", "owner:3"),
        (4, "200.00", "owner:4"),
    )
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: AGAINST}, ORDINARY)
    assert result.for_owners == 3
    assert result.for_area * 2 == result.participating_area
    assert not result.passed


def test_major_matter_with_exactly_three_quarters_passes():
    result = count(equal_homes(4), {1: FOR, 2: FOR, 3: FOR, 4: AGAINST}, MAJOR)
    assert result.passed
    assert "at least 3/4" in explain(result)
    assert "Passed" in explain(result)


def test_major_matter_just_below_three_quarters_of_the_area_fails():
    electorate = homes(
        (1, "100.00", "owner:1"),
        (2, "100.00", "owner:2"),
        (3, "99.99", "owner:3"),
        (4, "100.01", "owner:4"),
    )
    result = count(electorate, {1: FOR, 2: FOR, 3: FOR, 4: AGAINST}, MAJOR)
    assert result.for_owners * 4 == result.participating_owners * 3
    assert not result.passed


def test_nobody_voting_fails_without_dividing_by_zero():
    result = count(equal_homes(3), {}, MAJOR)
    assert result.participating_area == 0
    assert not result.quorum_met
    assert not result.passed
    assert "0 of 3 owners took part" in explain(result)


def test_an_empty_electorate_passes_nothing():
    result = count([], {}, ORDINARY)
    assert not result.passed


def test_the_explanation_names_each_threshold_with_its_figure():
    result = count(equal_homes(3), {1: FOR, 2: FOR}, ORDINARY)
    text = explain(result)
    assert "200.00 m² of 300.00 m²" in text
    assert "66.67%" in text
    assert "2 of 3 owners took part" in text
    assert "2 of the 2 owners taking part agreed (100.00%)" in text


def test_percentages_round_half_up_to_two_places():
    assert percent(Fraction(2, 3)) == "66.67%"
    assert percent(Fraction(1, 8)) == "12.50%"


# ---- properties --------------------------------------------------------------------------

AREAS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500.00"), places=2)
CHOICES = st.sampled_from([FOR, AGAINST, ABSTAIN])


@st.composite
def elections(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    people = draw(st.integers(min_value=1, max_value=n))
    electorate = [Home(i, draw(AREAS), f"owner:{draw(st.integers(1, people))}") for i in range(n)]
    voted = draw(st.sets(st.integers(0, n - 1)))
    ballots = {i: draw(CHOICES) for i in voted}
    return electorate, ballots, draw(st.sampled_from([ORDINARY, MAJOR]))


def recount(electorate, ballots, matter):
    """The rules read straight from the law, the slow way, for comparison."""
    people = {h.person for h in electorate}
    area = sum(h.area for h in electorate)
    voters = {h.person for h in electorate if h.unit_id in ballots}
    voted_area = sum(h.area for h in electorate if h.unit_id in ballots)
    agree_area = sum(h.area for h in electorate if ballots.get(h.unit_id) == FOR)
    agree = {
        p
        for p in voters
        if all(
            ballots[h.unit_id] == FOR for h in electorate if h.person == p and h.unit_id in ballots
        )
    }
    quorum = 3 * voted_area >= 2 * area and 3 * len(voters) >= 2 * len(people)
    if matter == MAJOR:
        approved = 4 * agree_area >= 3 * voted_area and 4 * len(agree) >= 3 * len(voters)
    else:
        approved = 2 * agree_area > voted_area and 2 * len(agree) > len(voters)
    return quorum, quorum and approved and bool(voters)


@given(elections())
def test_tally_matches_a_straightforward_recount(election):
    electorate, ballots, matter = election
    result = count(electorate, ballots, matter)
    assert (result.quorum_met, result.passed) == recount(electorate, ballots, matter)


@given(elections())
def test_participation_never_exceeds_the_electorate_nor_agreement_participation(election):
    electorate, ballots, matter = election
    result = count(electorate, ballots, matter)
    assert result.participating_area <= result.eligible_area
    assert result.participating_owners <= result.eligible_owners
    assert result.for_area <= result.participating_area
    assert result.for_owners <= result.participating_owners
    assert result.for_area + result.against_area + result.abstain_area == (
        result.participating_area
    )


@given(elections(), st.data())
def test_changing_ballots_never_changes_participation(election, data):
    electorate, ballots, matter = election
    before = count(electorate, ballots, matter)
    changed = {unit_id: data.draw(CHOICES) for unit_id in ballots}
    after = count(electorate, changed, matter)
    assert after.participating_area == before.participating_area
    assert after.participating_owners == before.participating_owners
    assert after.quorum_met == before.quorum_met


@given(st.dictionaries(st.integers(1, 30), st.lists(st.integers(1, 12), max_size=3), max_size=30))
def test_homes_sharing_an_owner_are_always_one_person(owners_by_home):
    keys = person_keys(owners_by_home)
    for a, owners_a in owners_by_home.items():
        for b, owners_b in owners_by_home.items():
            if set(owners_a) & set(owners_b):
                assert keys[a] == keys[b]
