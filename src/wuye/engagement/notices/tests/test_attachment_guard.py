"""An image attached to a notice is judged by the size its header declares, as photos are:
one claiming 20,000 × 20,000 pixels would freeze every resident's phone that opens it."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wuye.engagement.models import NoticeAttachment
from wuye.engagement.notices import services
from wuye.testing import bombs


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_bomb_image_is_not_attached_and_the_clerk_is_told_why(client, site):
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "outage", "title": "Water off", "body": "Tuesday", "buildings": []},
    )
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("engagement:notice_attach", args=[site.community.pk, notice.pk]),
        {"file": bombs.png_claiming(20_000, 20_000, name="plan.png")},
    )
    assert response.status_code == 302
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert told == ["The image is larger than 50 megapixels; send a smaller one."]
    assert not NoticeAttachment.objects.exists()


def test_an_ordinary_image_is_attached(site):
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "outage", "title": "Water off", "body": "Tuesday", "buildings": []},
    )
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    photo = SimpleUploadedFile("plan", buffer.getvalue())
    attachment = services.notice_attachment_add(actor=site.frontdesk, notice=notice, upload=photo)
    assert (attachment.name, attachment.content_type) == ("plan.png", "image/png")
