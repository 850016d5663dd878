"""The rich-text editor shared by agreements, minutes and materials, and its image uploads."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from activities.models import Activity
from materials.models import Material, Topic
from portal.richtext import sanitize_html
from tests.factories.activities import ActivityFactory
from tests.factories.files import exif_with_gps, image_bytes

UPLOAD = "/editor/images/"


@pytest.fixture
def started(tree):
    return ActivityFactory(organizer=tree.branch, title="支部党员大会", starts_at=timezone.now() - timedelta(hours=2))


def test_editor_image_is_re_encoded_under_a_random_name(tree, client_for):
    client = client_for(tree.people.secretary)
    upload = SimpleUploadedFile("../../我的照片.jpg", image_bytes("JPEG", exif=exif_with_gps()))
    response = client.post(UPLOAD, {"upload": upload})
    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/editor/images/[0-9a-f]{32}\.jpg", url)
    stored = default_storage.open("editor/" + url.rsplit("/", 1)[-1]).read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    shown = client_for(tree.people.member).get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"


def test_editor_image_upload_is_for_people_who_may_write(tree, client_for):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))
    response = client_for(tree.people.member).post(UPLOAD, {"upload": upload})
    assert response.status_code == 403
    assert "无权上传图片" in response.json()["error"]["message"]


@pytest.mark.parametrize(("role", "may_upload"), [
    ("secretary", True), ("deputy", True), ("admin", True), ("site_admin", True),
    ("committee_member", False), ("member", False), ("outsider", False),
])
def test_those_who_manage_an_organisation_may_upload_editor_images(tree, client_for, role, may_upload):
    """Who may write an agreement, minutes or a material: who manages some organisation."""
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))
    response = client_for(getattr(tree.people, role)).post(UPLOAD, {"upload": upload})
    assert response.status_code == (200 if may_upload else 403)


def test_editor_image_upload_refuses_non_images_and_large_files(tree, client_for, settings):
    client = client_for(tree.people.secretary)
    html = SimpleUploadedFile("a.png", b"<svg onload=alert(1)>")
    assert client.post(UPLOAD, {"upload": html}).status_code == 400
    settings.IMAGE_MAX_BYTES = 100
    big = SimpleUploadedFile("a.png", image_bytes("PNG", size=(400, 400)))
    response = client.post(UPLOAD, {"upload": big})
    assert response.status_code == 400 and "文件过大" in response.json()["error"]["message"]


def test_editor_images_cannot_be_read_by_path_tricks(tree, client_for):
    client = client_for(tree.people.member)
    assert client.get("/editor/images/..%2Fpairings%2Fx.pdf").status_code == 404
    assert client.get("/editor/images/nothing.png").status_code == 404


def test_packages_own_upload_view_is_not_mounted(tree, client_for):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))
    assert client_for(tree.people.secretary).post("/ckeditor5/image_upload/", {"upload": upload}).status_code == 404


def test_only_the_portals_own_images_are_kept():
    html = sanitize_html('<img src="/editor/images/abc.png" alt="合影"><img src="https://cdn.example/x.png">')
    assert 'src="/editor/images/abc.png"' in html
    assert "cdn.example" not in html


def test_agreements_minutes_and_materials_are_written_in_the_same_editor(tree, client_for, started):
    client = client_for(tree.people.secretary)
    for url, field in [("/pairings/new/", "goals"), (f"/activities/{started.pk}/hold/", "minutes"),
                       (reverse("material_create"), "body")]:
        page = client.get(url).content.decode()
        assert "/static/django_ckeditor_5/dist/bundle.js" in page, url
        assert f'data-upload-url="{UPLOAD}"' in page, url
        # Without JavaScript the field is still a textarea that the form posts.
        assert re.search(rf'<textarea[^>]*name="{field}"', page), url
        for src in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert not src.startswith(("http://", "https://", "//")), src


def test_minutes_keep_their_formatting_when_edited_again(tree, client_for, started):
    client = client_for(tree.people.secretary)
    client.post(f"/activities/{started.pk}/hold/", {
        "minutes": '<h2>决议</h2><ul><li>发展党员</li></ul><img src="/editor/images/abc.jpg" alt="合影">'
                   '<img src="https://cdn.example/x.png">',
    })
    started.refresh_from_db()
    assert started.status == Activity.Status.HELD
    assert "<h2>决议</h2><ul><li>发展党员</li></ul>" in started.minutes
    assert 'src="/editor/images/abc.jpg"' in started.minutes and "cdn.example" not in started.minutes
    form = client.get(f"/activities/{started.pk}/hold/").content.decode()
    assert "&lt;h2&gt;决议&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;发展党员" in form


def test_material_texts_keep_the_portals_own_images_only(tree, client_for):
    client_for(tree.people.secretary).post(reverse("material_create"), {
        "title": "图文学习资料", "kind": "article", "owner": tree.branch.pk, "visibility": "portal",
        "is_published": "on", "topics": [Topic.objects.get(name="安全生产").pk],
        "body": '<p>正文</p><figure><img src="/editor/images/abc.jpg" alt="合影"></figure>'
                '<img src="https://cdn.example/x.png">',
    })
    body = Material.objects.get(title="图文学习资料").body
    assert '<figure><img src="/editor/images/abc.jpg" alt="合影"></figure>' in body
    assert "cdn.example" not in body


def test_anyone_sees_an_editor_image_shown_in_public_news_and_no_other(tree, client_for, client):
    from tests.factories.materials import MaterialFactory

    def upload():
        image = SimpleUploadedFile("a.png", image_bytes("PNG"))
        return client_for(tree.people.secretary).post(UPLOAD, {"upload": image}).json()["url"]

    news_image, internal_image, draft_image = upload(), upload(), upload()
    MaterialFactory(owner=tree.branch, is_public_news=True, body=f'<p>合影</p><img src="{news_image}">')
    MaterialFactory(owner=tree.branch, body=f'<p>内部</p><img src="{internal_image}">')
    MaterialFactory(owner=tree.branch, is_public_news=True, is_published=False,
                    body=f'<img src="{draft_image}">')

    shown = client.get(news_image)
    assert shown.status_code == 200 and "public" in shown["Cache-Control"]
    assert client.get(internal_image).status_code == 404
    assert client.get(draft_image).status_code == 404
    signed_in = client_for(tree.people.member).get(internal_image)
    assert signed_in.status_code == 200 and "private" in signed_in["Cache-Control"]


def test_the_editor_speaks_the_language_of_the_page(tree, client_for):
    chinese = client_for(tree.people.secretary).get("/pairings/new/").content.decode()
    assert '"language": "zh-cn"' in chinese
    english = client_for(tree.people.other_secretary, language="en").get("/pairings/new/").content.decode()
    assert '"language": "en"' in english
