"""Photos: several at once, re-encoded without EXIF, refused when not a readable image."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from activities.models import ActivityPhoto
from tests.factories.activities import ActivityFactory
from tests.factories.files import jpeg_bytes

GPS_IFD = 0x8825


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (23.0, 7.0, 30.0), 3: "E", 4: (113.0, 15.0, 0.0)})
    return jpeg_bytes(size=(80, 40), exif=exif.tobytes())


@pytest.fixture
def activity(tree):
    return ActivityFactory(organizer=tree.branch, title="南沙红色教育")


def test_a_secretary_uploads_several_photos_at_once_and_members_see_the_gallery(tree, client_for, activity, photo_file):
    client = client_for(tree.people.secretary)
    response = client.post(f"/activities/{activity.pk}/photos/", {
        "photos": [photo_file("a.jpg"), photo_file("b.png", size=(30, 30))], "caption": "参观合影",
    }, follow=True)
    page = response.content.decode()
    assert "已添加 2 张照片" in page
    assert ActivityPhoto.objects.filter(activity=activity).count() == 2
    photo = ActivityPhoto.objects.first()
    assert re.fullmatch(r"activities/photos/[0-9a-f]{32}\.jpg", photo.image.name)  # a generated name
    assert photo.original_name == "a.jpg"
    assert f"/activities/photos/{photo.pk}/thumbnail/" in page

    member = client_for(tree.people.member)
    image = member.get(f"/activities/photos/{photo.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    thumb = member.get(f"/activities/photos/{photo.pk}/thumbnail/")
    assert Image.open(io.BytesIO(b"".join(thumb.streaming_content))).format == "JPEG"


def test_outsiders_cannot_fetch_a_photo(tree, client_for, activity, photo_file):
    client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"photos": [photo_file()]})
    photo = ActivityPhoto.objects.get()
    assert client_for(tree.people.far_secretary).get(f"/activities/photos/{photo.pk}/").status_code == 404
    assert client_for(tree.people.outsider).get(f"/activities/photos/{photo.pk}/thumbnail/").status_code == 404


def test_gps_and_every_other_exif_tag_are_gone_from_the_stored_photo_and_orientation_is_applied(
    tree, client_for, activity
):
    upload = SimpleUploadedFile("gps.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif().get_ifd(GPS_IFD)
    client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"photos": [upload]})
    photo = ActivityPhoto.objects.get()
    with photo.image.open("rb") as stored:
        image = Image.open(stored)
        image.load()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert image.size == (40, 80)  # rotated as the camera said
    with photo.thumbnail.open("rb") as stored:
        assert len(Image.open(stored).getexif()) == 0


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(tree, client_for, activity, photo_file):
    fake = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00 this is not a picture", content_type="image/jpeg")
    response = client_for(tree.people.secretary).post(
        f"/activities/{activity.pk}/photos/", {"photos": [photo_file("ok.jpg"), fake], "caption": "保留的说明"})
    page = response.content.decode()
    assert "virus.jpg 不是图片" in page
    assert 'value="保留的说明"' in page
    assert not ActivityPhoto.objects.exists()


def test_a_truncated_image_is_refused(tree, client_for, activity):
    whole = jpeg_bytes(size=(400, 300))
    truncated = SimpleUploadedFile("half.jpg", whole[: len(whole) // 2], content_type="image/jpeg")
    response = client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"photos": [truncated]})
    assert "half.jpg 已损坏或不完整" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_a_decompression_bomb_is_refused(tree, client_for, activity, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    for size in ((40, 30), (100, 100)):  # over the limit (warning), and over twice the limit (error)
        bomb = SimpleUploadedFile("bomb.png", jpeg_bytes(size=size), content_type="image/png")
        response = client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"photos": [bomb]})
        assert "bomb.png 像素过多" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(tree, client_for, activity, photo_file, settings):
    settings.IMAGE_MAX_BYTES = 100
    response = client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"photos": [photo_file("big.jpg")]})
    assert "big.jpg 太大" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_uploading_with_no_file_asks_for_one(tree, client_for, activity):
    response = client_for(tree.people.secretary).post(f"/activities/{activity.pk}/photos/", {"caption": "x"})
    assert "这个字段是必填项" in response.content.decode()


def test_a_secretary_removes_a_photo(tree, client_for, activity, photo_file):
    client = client_for(tree.people.secretary)
    client.post(f"/activities/{activity.pk}/photos/", {"photos": [photo_file()]})
    photo = ActivityPhoto.objects.get()
    assert client_for(tree.people.member).post(f"/activities/photos/{photo.pk}/delete/").status_code == 403
    client.post(f"/activities/photos/{photo.pk}/delete/")
    assert not ActivityPhoto.objects.exists()
