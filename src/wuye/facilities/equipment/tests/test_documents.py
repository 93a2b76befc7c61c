"""Photos and documents of an item: PDFs and images checked by their content, kept by the
register's keepers, listed on the item's page and served to those who see the register."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.facilities.equipment import services
from wuye.facilities.equipment.models import EquipmentDocument

from .fixtures import lift, png_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def upload(content: bytes, name="file.pdf"):
    return SimpleUploadedFile(name, content)


def add(site, item, content=PDF, kind="inspection_report", title="Report 2026", actor=None):
    return services.document_add(
        actor=actor or site.engineer,
        equipment=item,
        kind=kind,
        title=title,
        upload=upload(content),
    )


def test_a_pdf_and_a_photo_are_kept_by_their_content_and_audited(site):
    item = lift(site)
    report = add(site, item)
    plate = add(site, item, png_bytes(), kind="nameplate", title="")

    assert (report.content_type, report.size, report.title) == (
        "application/pdf",
        len(PDF),
        "Report 2026",
    )
    assert report.file.name.endswith(".pdf") and report.file.read() == PDF
    assert plate.content_type == "image/png" and plate.title == "Nameplate photo"
    assert plate.file.name.endswith(".png")
    assert AuditEntry.objects.filter(action="equipment.document").count() == 2


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 not a document", b"\x89PNG\r\n\x1a\n broken", b"<html>%PDF-</html>"],
)
def test_other_content_is_refused_whatever_its_name(site, content):
    item = lift(site)
    with pytest.raises(ValidationError) as refused:
        add(site, item, content)
    assert "file" in refused.value.message_dict
    assert not EquipmentDocument.objects.exists()


def test_a_file_over_10_mb_and_a_bad_kind_are_refused(site):
    item = lift(site)
    with pytest.raises(ValidationError):
        add(site, item, PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        add(site, item, kind="selfie")
    assert "kind" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        add(site, item, actor=site.electrician)
    assert not EquipmentDocument.objects.exists()


def test_the_page_lists_them_and_the_register_sees_them(
    client, site, django_assert_max_num_queries
):
    item = lift(site)
    documents = [add(site, item, title=f"Report {n}") for n in range(5)]
    client.force_login(site.electrician)
    with django_assert_max_num_queries(17):
        page = client.get(url(site, "equipment_item", item.pk)).content.decode()
    assert all(f'data-document="{d.pk}"' in page for d in documents)
    assert 'data-form="document"' not in page  # the technician reads, the keepers add

    got = client.get(url(site, "equipment_document", item.pk, documents[0].pk))
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf" and "attachment" in got["Content-Disposition"]


@pytest.mark.parametrize("who", ["guard", "frontdesk", "owner", "other_manager"])
def test_others_cannot_download(client, site, who):
    item = lift(site)
    document = add(site, item)
    client.force_login(getattr(site, who))
    got = client.get(url(site, "equipment_document", item.pk, document.pk))
    assert got.status_code in (403, 404)


def test_the_keeper_uploads_through_the_page(client, site):
    item = lift(site)
    client.force_login(site.manager)
    sent = client.post(
        url(site, "equipment_documents", item.pk),
        {"kind": "manual", "title": "Manual", "file": upload(PDF, "manual.pdf")},
    )
    assert sent.status_code == 302
    assert EquipmentDocument.objects.get(equipment=item).kind == "manual"
    refused = client.post(
        url(site, "equipment_documents", item.pk),
        {"kind": "manual", "title": "Bad", "file": upload(b"GIF89a....", "x.pdf")},
    )
    assert refused.status_code == 302 and EquipmentDocument.objects.count() == 1
