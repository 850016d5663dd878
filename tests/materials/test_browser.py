import pytest

from tests.factories import PASSWORD
from tests.factories.materials import MaterialFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_searches_studies_and_the_secretary_sees_it(tree, phone, live_server, browser_login):
    MaterialFactory(title="专题党课：学史明理", owner=tree.branch, body="<p>支部书记讲专题党课。</p>")
    MaterialFactory(title="安全生产月活动方案", owner=tree.committee, body="<p>落实安全生产责任制。</p>")

    browser_login(phone, "mem1", PASSWORD)
    phone.goto(f"{live_server.url}/materials/")
    phone.fill("input[name=q]", "党课")
    phone.press("input[name=q]", "Enter")
    phone.wait_for_selector("text=找到 1 份资料")
    assert phone.locator(".material-row").count() == 1
    phone.click("text=专题党课：学史明理")
    phone.wait_for_selector("h1:has-text('专题党课：学史明理')")
    assert "支部书记讲专题党课" in phone.inner_text(".material-body")
    phone.click("button:has-text('标记为已学习')")
    phone.wait_for_selector("text=已标记为已学习")
    assert "已于" in phone.inner_text("[data-testid=study-state]")
    phone.goto(f"{live_server.url}/materials/?q=党课")
    assert phone.locator("[data-testid=studied]").count() == 1

    phone.context.clear_cookies()
    browser_login(phone, "sec1", PASSWORD)
    phone.goto(f"{live_server.url}/materials/")
    phone.click("text=成员学习进度")
    phone.wait_for_selector("h1:has-text('学习进度')")
    row = phone.locator(".list-group-item", has_text="专题党课：学史明理")
    assert "1 / 4" in row.inner_text()
    row.locator("a").click()
    phone.wait_for_selector("[data-testid=material-progress]")
    assert "4 名成员中有 1 名已学习" in phone.inner_text("[data-testid=material-progress]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
