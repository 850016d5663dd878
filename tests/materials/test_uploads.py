import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from materials.models import Material, Topic
from tests.factories.files import ooxml_bytes, pdf_bytes
from tests.factories.materials import MaterialFactory


def post_material(client, tree, **fields):
    data = {
        "title": "安全生产培训课件", "kind": "file", "owner": tree.branch.pk, "visibility": "portal",
        "is_published": "on", "topics": [Topic.objects.get(name="安全生产").pk],
    }
    data.update(fields)
    return client.post(reverse("material_create"), data)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_secretary_publishes_a_pdf_kept_under_a_generated_name(tree, client_for):
    client = client_for(tree.people.secretary)
    response = post_material(client, tree, attachment=upload("安全生产 课件.pdf", pdf_bytes(), "application/pdf"))
    material = Material.objects.get(title="安全生产培训课件")
    assert response.status_code == 302
    assert material.attachment_name == "安全生产 课件.pdf" and material.attachment_type == "pdf"
    assert "课件" not in material.attachment.name and material.attachment.name.endswith(".pdf")
    assert material.created_by == tree.people.secretary
    page = client_for(tree.people.member).get(material.get_absolute_url()).content.decode()
    assert "/media/" not in page and "安全生产 课件.pdf" in page
    download = client_for(tree.people.member).get(
        reverse("material_attachment", args=[material.pk]), {"download": 1})
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert "%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7%20%E8%AF%BE%E4%BB%B6.pdf" in download["Content-Disposition"]


@pytest.mark.parametrize("name, content", [
    ("通知.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("课件.docx", ooxml_bytes("other/document.xml", marker="nothing")),
    ("课件.docx", b"PK\x03\x04 not really a zip"),
    ("表格.docx", ooxml_bytes("xl/workbook.xml", marker="spreadsheetml")),
    ("脚本.exe", b"MZ\x90\x00"),
])
def test_a_spoofed_attachment_is_refused(tree, client_for, name, content):
    response = post_material(client_for(tree.people.secretary), tree, attachment=upload(name, content))
    assert response.status_code == 200
    text = response.content.decode()
    assert "不是真正的" in text or "请上传 PDF" in text
    assert not Material.objects.exists()
    assert 'value="安全生产培训课件"' in text  # what was typed is kept


@pytest.mark.parametrize("name, main_part, marker", [
    ("讲稿.docx", "word/document.xml", "wordprocessingml"),
    ("幻灯片.pptx", "ppt/presentation.xml", "presentationml"),
    ("台账.xlsx", "xl/workbook.xml", "spreadsheetml"),
])
def test_real_office_documents_are_accepted(tree, client_for, name, main_part, marker):
    response = post_material(client_for(tree.people.secretary), tree,
                             attachment=upload(name, ooxml_bytes(main_part, marker)))
    assert response.status_code == 302
    assert Material.objects.get().attachment_type == name.rsplit(".", 1)[1]


def test_an_attachment_over_the_size_limit_is_refused(tree, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 50
    response = post_material(client_for(tree.people.secretary), tree, attachment=upload("大文件.pdf", pdf_bytes()))
    assert "最多接受" in response.content.decode()
    assert not Material.objects.exists()


def test_a_cover_is_re_encoded_without_its_exif(tree, client_for):
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (23.0, 7.0, 0.0)}  # GPS latitude
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    response = post_material(client_for(tree.people.secretary), tree, kind="article", body="<p>正文</p>",
                             cover=upload("封面.jpg", buffer.getvalue(), "image/jpeg"))
    assert response.status_code == 302
    material = Material.objects.get()
    with material.cover.open("rb") as stored, Image.open(stored) as cover:
        assert cover.format == "JPEG" and not cover.getexif()
    served = client_for(tree.people.member).get(reverse("material_cover", args=[material.pk]))
    assert served["Content-Type"] == "image/jpeg"


def test_a_cover_that_is_not_an_image_is_refused(tree, client_for):
    response = post_material(client_for(tree.people.secretary), tree, kind="article", body="<p>正文</p>",
                             cover=upload("封面.jpg", b"<svg onload=alert(1)>", "image/jpeg"))
    assert "请上传 JPEG" in response.content.decode()


def test_rich_text_is_sanitised_and_only_web_links_are_accepted(tree, client_for):
    client = client_for(tree.people.secretary)
    refused = post_material(client, tree, kind="video", external_url="javascript:alert(1)")
    assert refused.status_code == 200 and not Material.objects.exists()
    post_material(client, tree, kind="article",
                  body='<p onclick="x()">学习<script>alert(1)</script><a href="javascript:x()">链接</a></p>')
    material = Material.objects.get()
    assert "script" not in material.body and "onclick" not in material.body and "javascript" not in material.body
    assert "学习" in material.body


def test_a_video_link_opens_in_a_new_tab_without_an_opener(tree, client_for):
    response = post_material(client_for(tree.people.secretary), tree, kind="video",
                             external_url="https://www.xuexi.cn/lecture.html")
    assert response.status_code == 302
    page = client_for(tree.people.member).get(response["Location"]).content.decode()
    assert 'href="https://www.xuexi.cn/lecture.html" target="_blank" rel="noopener noreferrer"' in page


def test_each_kind_asks_for_what_it_needs(tree, client_for):
    client = client_for(tree.people.secretary)
    assert "请附上文件" in post_material(client, tree, kind="file").content.decode()
    assert "请填写视频或网页的地址" in post_material(client, tree, kind="link").content.decode()
    assert "文章需要正文" in post_material(client, tree, kind="article").content.decode()


def test_only_secretaries_of_the_owner_may_publish_or_edit(tree, client_for):
    material = MaterialFactory(owner=tree.branch)
    assert client_for(tree.people.member).get(reverse("material_create")).status_code == 403
    other = client_for(tree.people.other_secretary)
    assert other.get(reverse("material_edit", args=[material.pk])).status_code == 403
    response = post_material(other, tree, kind="article", body="<p>x</p>")
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    editor = client_for(tree.people.secretary)
    assert editor.get(reverse("material_edit", args=[material.pk])).status_code == 200
    response = editor.post(reverse("material_edit", args=[material.pk]), {
        "title": "修改后的标题", "kind": "article", "owner": tree.branch.pk, "visibility": "subtree",
        "body": "<p>新正文</p>", "is_published": "on",
    })
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.title == "修改后的标题" and material.visibility == "subtree"


def test_the_new_material_page_takes_its_organisation_from_the_address_and_ignores_nonsense(tree, client_for):
    client = client_for(tree.people.secretary)
    page = client.get(reverse("material_create") + f"?org={tree.branch.pk}").content.decode()
    assert f'value="{tree.branch.pk}" selected' in page
    assert client.get(reverse("material_create") + "?org=abc").status_code == 200
