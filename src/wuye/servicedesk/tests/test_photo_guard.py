"""A photo whose header claims 20,000 × 20,000 pixels is refused by its header, on every page
that takes photos: a message on the photos field, no order, no file, little memory."""

from django.urls import reverse

from wuye.servicedesk.models import Status, WorkOrder, WorkOrderPhoto
from wuye.testing import bombs

from .fixtures import order_in

SAYS = "The image is larger than 50 megapixels; send a smaller one."


def test_an_owner_reporting_with_a_bomb_photo_is_told_and_nothing_is_saved(client, site):
    client.force_login(site.owner)
    with bombs.peak_memory() as peak:
        response = client.post(
            reverse("servicedesk_portal:new"),
            {
                "unit": site.units["owner_home"].pk,
                "category": "repair_home",
                "subcategory": "leak",
                "description": "Water drips from the kitchen ceiling",
                "photos": [bombs.png_claiming(20_000, 20_000)],
            },
        )
    assert response.status_code == 400
    assert response.context["form"].errors["photos"] == [SAYS]
    assert not WorkOrder.objects.exists()
    assert not WorkOrderPhoto.objects.exists()
    assert peak.bytes < bombs.MEMORY_BOUND


def test_the_front_desk_receiving_a_bomb_photo_is_told_and_nothing_is_saved(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("servicedesk:intake", args=[site.community.pk]),
        {
            "unit": site.units["owner_home"].pk,
            "category": "repair_home",
            "subcategory": "leak",
            "priority": "normal",
            "channel": "hotline",
            "description": "Dripping tap",
            "photos": [bombs.png_claiming(20_000, 20_000)],
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["photos"] == [SAYS]
    assert not WorkOrder.objects.exists()


def test_the_electrician_resolving_with_a_bomb_photo_changes_nothing(client, site):
    order = order_in(site, Status.IN_PROGRESS)
    client.force_login(site.electrician)
    response = client.post(
        reverse("servicedesk:act", args=[site.community.pk, order.pk, "resolve"]),
        {
            f"o{order.pk}-result": "Replaced the washer",
            f"o{order.pk}-photos": [bombs.png_claiming(20_000, 20_000)],
        },
    )
    assert response.status_code == 400
    assert SAYS in response.text
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS
    assert not order.photos.exists()
