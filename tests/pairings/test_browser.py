import datetime

import pytest

from pairings.models import Pairing
from tests.factories import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretary_drafts_and_submits_then_admin_approves_on_a_phone(tree, phone, browser, browser_login, live_server):
    page = phone
    browser_login(page, tree.people.secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/pairings/")
    page.get_by_role("link", name="新建协议").click()
    page.fill("input[name=title]", "支部联学共建协议")
    page.get_by_label("第二配送中心党支部").check()
    page.wait_for_function("() => window.editors && window.editors.id_goals")  # the editor is ready
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("每季度联合开展一次主题党日。")
    today = datetime.date.today()
    page.fill("input[name=start_date]", today.isoformat())
    page.fill("input[name=end_date]", (today + datetime.timedelta(days=365)).isoformat())
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存").wait_for()
    page.get_by_role("button", name="提交审批").click()
    page.get_by_text("协议已提交").wait_for()
    assert page.get_by_test_id("pairing-status").inner_text() == "待审批"

    admin_context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True)
    admin_page = admin_context.new_page()
    admin_page.set_default_timeout(15_000)
    try:
        browser_login(admin_page, tree.people.admin.username, PASSWORD)
        admin_page.goto(f"{live_server.url}/pairings/approvals/")
        admin_page.get_by_role("link", name="支部联学共建协议").click()
        assert "每季度联合开展一次主题党日" in admin_page.locator(".rich-text").inner_text()
        admin_page.fill("textarea[name=comment]", "同意")
        admin_page.get_by_role("button", name="批准").click()
        admin_page.get_by_text("协议已批准").wait_for()
        assert admin_page.get_by_test_id("pairing-status").inner_text() == "履行中"
    finally:
        admin_context.close()
    pairing = Pairing.objects.get(title="支部联学共建协议")
    assert pairing.status == Pairing.Status.APPROVED
    assert "<p>每季度联合开展一次主题党日。</p>" in pairing.goals
