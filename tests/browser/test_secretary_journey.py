import pytest

from branches.models import Role
from tests.factories import PASSWORD, CommitteeFactory, OrganizationFactory, member_of


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretary_signs_in_on_a_phone_and_sees_their_branch(phone, live_server, browser_login):
    committee = CommitteeFactory(name="广东分公司党委")
    branch = OrganizationFactory(name="广州配送中心党支部", parent=committee, brand_name="南沙红色足迹")
    member_of(branch, Role.SECRETARY, username="secretary", name="王红梅")
    member_of(branch, Role.MEMBER, username="member", name="刘晓东")

    browser_login(phone, "secretary", PASSWORD)
    assert "王红梅，您好" in phone.content()
    phone.get_by_role("link", name="广州配送中心党支部").click()
    phone.wait_for_url(f"**/organizations/{branch.pk}/")
    body = phone.locator("main").inner_text()
    assert "南沙红色足迹" in body
    assert "刘晓东" in body
    assert phone.get_by_role("link", name="邀请成员").is_visible()
    # The menu collapses behind a toggler on a 375 px screen and opens on tap.
    menu_link = phone.locator("#portal-nav").get_by_role("link", name="组织", exact=True)
    assert not menu_link.is_visible()
    phone.get_by_role("button", name="菜单").click()
    menu_link.wait_for(state="visible")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
