"""The signed agreement: type by content, size limits, generated names."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pairings.models import Pairing
from portal.uploads import sniff_type, validate_upload
from tests.factories.files import PDF, image_bytes, ooxml_bytes


@pytest.mark.parametrize(("content", "expected"), [
    (PDF, "pdf"), (image_bytes("PNG"), "png"), (image_bytes("JPEG"), "jpeg"),
    (ooxml_bytes("word/document.xml"), "docx"), (ooxml_bytes("ppt/presentation.xml"), "pptx"),
    (ooxml_bytes("xl/workbook.xml"), "xlsx"), (b"<html><script>alert(1)</script></html>", None),
    (b"PK\x03\x04 not really a zip", None),
])
def test_type_is_read_from_the_content(content, expected):
    assert sniff_type(SimpleUploadedFile("whatever.pdf", content)) == expected


def test_a_png_header_on_garbage_is_not_an_image():
    fake = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    with pytest.raises(ValidationError) as refused:
        validate_upload(fake, {"png"}, 10_000)
    assert refused.value.code == "bad_type"


def _post_with_file(client, draft_data, upload):
    return client.post("/pairings/new/", {**draft_data(), "agreement_file": upload})


def test_html_file_named_pdf_is_refused(tree, client_for, draft_data):
    upload = SimpleUploadedFile("协议.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = _post_with_file(client_for(tree.people.secretary), draft_data, upload)
    assert "不支持该文件类型" in response.content.decode()
    assert not Pairing.objects.exists()


def test_too_large_agreement_is_refused(tree, client_for, draft_data, settings):
    settings.UPLOAD_MAX_BYTES = 50
    response = _post_with_file(client_for(tree.people.secretary), draft_data, SimpleUploadedFile("a.pdf", PDF))
    assert "文件过大" in response.content.decode()
    assert not Pairing.objects.exists()


def test_signed_agreement_is_stored_under_a_generated_name_and_downloaded_with_its_own(tree, client_for, draft_data):
    upload = SimpleUploadedFile("共建协议（签字版）.pdf", PDF, content_type="application/pdf")
    _post_with_file(client_for(tree.people.secretary), draft_data, upload)
    pairing = Pairing.objects.get()
    assert pairing.agreement_filename == "共建协议（签字版）.pdf"
    assert re.fullmatch(r"pairings/\d{4}/[0-9a-f]{32}\.pdf", pairing.agreement_file.name)

    member = client_for(tree.people.member)
    assert "共建协议（签字版）.pdf" in member.get(f"/pairings/{pairing.pk}/").content.decode()
    response = member.get(f"/pairings/{pairing.pk}/agreement/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert client_for(tree.people.far_secretary).get(f"/pairings/{pairing.pk}/agreement/").status_code == 404


def test_a_jpeg_scan_named_pdf_is_stored_as_jpeg(tree, client_for, draft_data):
    _post_with_file(client_for(tree.people.secretary), draft_data, SimpleUploadedFile("scan.pdf", image_bytes("JPEG")))
    assert Pairing.objects.get().agreement_file.name.endswith(".jpg")


def test_editing_without_a_new_file_keeps_the_old_one(tree, client_for, draft_data):
    client = client_for(tree.people.secretary)
    _post_with_file(client, draft_data, SimpleUploadedFile("a.pdf", PDF))
    pairing = Pairing.objects.get()
    stored = pairing.agreement_file.name
    client.post(f"/pairings/{pairing.pk}/edit/", draft_data(title="新标题"))
    pairing.refresh_from_db()
    assert pairing.title == "新标题" and pairing.agreement_file.name == stored
