"""The search box says how many match of each kind, and links to the list of all of them."""

import re

from django.urls import reverse

from wuye.testing import factories as f


def url(name, site, *args):
    return reverse(f"estates:{name}", args=[site.community.pk, *args])


def more_strip(html: str) -> str:
    found = re.search(r"<div[^>]*data-more=.*?</div>", html, re.S)
    return found.group(0) if found else ""


def test_fifty_residents_named_zeng_are_counted_and_all_listed(client, site):
    for n in range(50):
        f.ResidentFactory(community=site.community, name=f"曾{n:02d}")
    f.ResidentFactory(community=site.other, name="曾在别处")
    client.force_login(site.frontdesk)
    response = client.get(url("search", site), {"q": "曾"})
    html = response.text
    assert len(response.context["residents"]) == 20
    assert response.context["totals"]["residents"] == 50
    strip = more_strip(html)
    assert "50 match; showing the first 20." in strip
    see_all = re.search(r'href="([^"]+)"', strip).group(1).replace("&amp;", "&")
    assert "See all 50" in strip

    listed = client.get(see_all)
    assert listed.status_code == 200
    assert listed.context["page"].paginator.count == 50
    assert "曾在别处" not in listed.text


def test_a_search_with_few_matches_says_nothing_more(client, site):
    client.force_login(site.frontdesk)
    response = client.get(url("search", site), {"q": "Wang"})
    assert response.context["totals"]["residents"] == 1
    assert more_strip(response.text) == ""


def test_the_same_room_in_many_buildings_links_to_every_one_of_them(client, site):
    buildings = [f.BuildingFactory(community=site.community, number=str(n)) for n in range(3, 28)]
    for building in buildings:
        f.UnitFactory(building=building, entrance="1", number="502")
    client.force_login(site.guard)
    response = client.get(url("search", site), {"q": "502"})
    # The owner's second home is 1-2-502 in the site: 26 homes numbered 502.
    assert response.context["totals"]["units"] == 26
    assert len(response.context["units"]) == 20
    see_all = re.search(r'href="([^"]+)"', more_strip(response.text)).group(1)
    listed = client.get(see_all.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == 26
    assert "All homes" in listed.text


def test_a_room_number_finds_no_resident_by_their_mobile(client, site):
    """Three digits are a room, not part of a mobile: 101 finds homes, not everyone whose
    mobile contains 101; four digits or more search mobiles too."""
    f.ResidentFactory(community=site.community, name="Mobile Only", mobile="13910112345")
    client.force_login(site.frontdesk)
    response = client.get(url("search", site), {"q": "101"})
    assert response["Location"] == url("unit", site, site.units["owner_home"].pk)
    response = client.get(url("search", site), {"q": "1011"})
    assert [r.name for r in response.context["residents"]] == ["Mobile Only"]
    listed = client.get(url("residents", site), {"q": "1011"})
    assert [r.name for r in listed.context["page"]] == ["Mobile Only"]
