"""On a 375 px phone: a member checks in by the QR link; the secretary records minutes and a photo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activities.models import ActivityPhoto, Attendance
from activities.services import checkin_token
from tests.factories import PASSWORD
from tests.factories.activities import ActivityFactory
from tests.factories.files import jpeg_bytes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_checks_in_and_the_secretary_records_minutes_and_a_photo(
    tree, phone, browser, browser_login, live_server, tmp_path
):
    starts = timezone.now() - timedelta(minutes=10)
    activity = ActivityFactory(organizer=tree.branch, title="手机签到主题党日", starts_at=starts,
                               ends_at=starts + timedelta(hours=2))

    browser_login(phone, "mem1", PASSWORD)
    phone.goto(f"{live_server.url}/activities/check-in/{checkin_token(activity)}/")
    assert phone.get_by_test_id("checkin-title").inner_text() == "签到成功"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert Attendance.objects.get(activity=activity, user=tree.people.member).method == "qr"

    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_login(page, "sec1", PASSWORD)
        page.goto(f"{live_server.url}/activities/{activity.pk}/")
        assert "应到 4 人，实到 1 人" in page.get_by_test_id("attendance-summary").inner_text()
        page.get_by_role("link", name="录入纪要").click()
        # The rich-text editor over the minutes field: type once it has loaded its content.
        page.wait_for_function("() => window.editors && window.editors.id_minutes")
        page.locator(".ck-editor__editable").click()
        page.keyboard.type("重温入党誓词。")
        page.keyboard.press("Enter")
        page.keyboard.type("学习《中国共产党支部工作条例》。")
        page.get_by_label("活动成效").fill("全体党员参加")
        page.get_by_role("button", name="保存并记录为已举行").click()
        page.wait_for_url(f"**/activities/{activity.pk}/")
        assert "学习《中国共产党支部工作条例》" in page.inner_text(".activity-minutes")

        photo = tmp_path / "合影.jpg"
        photo.write_bytes(jpeg_bytes(size=(320, 240)))
        page.get_by_role("link", name="上传照片").click()
        page.set_input_files("input[type=file]", [str(photo)])
        page.get_by_label("说明").fill("全体合影")
        page.get_by_role("button", name="上传", exact=True).click()
        page.wait_for_url(f"**/activities/{activity.pk}/#photos")
        assert "已添加 1 张照片" in page.content()
        thumb = page.locator(".photo-grid img").first
        thumb.wait_for()
        # The thumbnail is lazy-loaded: wait until it has loaded (and so has a width).
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert ActivityPhoto.objects.filter(activity=activity, caption="全体合影").count() == 1
    finally:
        context.close()
