"""The signed agreement and the editor's images: type by content, size limits, generated names."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pairings.models import Pairing
from portal.uploads import sniff_type, validate_upload

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt="PNG", size=(40, 30), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 22, 29))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def ooxml(main_part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "expected"), [
    (PDF, "pdf"), (image_bytes("PNG"), "png"), (image_bytes("JPEG"), "jpeg"),
    (ooxml("word/document.xml"), "docx"), (ooxml("ppt/presentation.xml"), "pptx"),
    (ooxml("xl/workbook.xml"), "xlsx"), (b"<html><script>alert(1)</script></html>", None),
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


def _exif_with_gps():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    return exif


def test_editor_image_is_re_encoded_under_a_random_name(tree, client_for):
    client = client_for(tree.people.secretary)
    upload = SimpleUploadedFile("../../我的照片.jpg", image_bytes("JPEG", exif=_exif_with_gps()))
    response = client.post("/pairings/editor/images/", {"upload": upload})
    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/pairings/editor/images/[0-9a-f]{32}\.jpg", url)
    stored = default_storage.open("editor/" + url.rsplit("/", 1)[-1]).read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    shown = client_for(tree.people.member).get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"


def test_editor_image_upload_is_for_people_who_may_write(tree, client_for):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))
    response = client_for(tree.people.member).post("/pairings/editor/images/", {"upload": upload})
    assert response.status_code == 403
    assert "无权上传图片" in response.json()["error"]["message"]


def test_editor_image_upload_refuses_non_images_and_large_files(tree, client_for, settings):
    client = client_for(tree.people.secretary)
    html = SimpleUploadedFile("a.png", b"<svg onload=alert(1)>")
    assert client.post("/pairings/editor/images/", {"upload": html}).status_code == 400
    settings.IMAGE_MAX_BYTES = 100
    big = SimpleUploadedFile("a.png", image_bytes("PNG", size=(400, 400)))
    response = client.post("/pairings/editor/images/", {"upload": big})
    assert response.status_code == 400 and "文件过大" in response.json()["error"]["message"]


def test_editor_images_cannot_be_read_by_path_tricks(tree, client_for):
    client = client_for(tree.people.member)
    assert client.get("/pairings/editor/images/..%2Fpairings%2Fx.pdf").status_code == 404
    assert client.get("/pairings/editor/images/nothing.png").status_code == 404


def test_packages_own_upload_view_is_not_mounted(tree, client_for):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))
    assert client_for(tree.people.secretary).post("/ckeditor5/image_upload/", {"upload": upload}).status_code == 404
