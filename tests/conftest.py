import os
import shutil
from types import SimpleNamespace

import pytest
from django.test import Client

from branches.models import Role
from tests.factories import CommitteeFactory, OrganizationFactory, UserFactory, member_of

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def tree(db):
    """A committee with two branches (one with a group), another committee, an external unit,
    and a person in each role."""
    committee = CommitteeFactory(name="测试分公司党委")
    branch = OrganizationFactory(name="第一配送中心党支部", parent=committee, theme_day=15)
    group = OrganizationFactory(name="第一党小组", parent=branch, kind="group")
    other_branch = OrganizationFactory(name="第二配送中心党支部", parent=committee)
    other_committee = CommitteeFactory(name="另一分公司党委")
    far_branch = OrganizationFactory(name="远方党支部", parent=other_committee)
    external = CommitteeFactory(name="兄弟单位党委", is_external=True, unit_name="兄弟单位")
    people = SimpleNamespace(
        admin=member_of(committee, Role.ADMIN, username="admin1", name="党委管理员"),
        committee_member=member_of(committee, Role.COMMITTEE_MEMBER, username="cm1"),
        secretary=member_of(branch, Role.SECRETARY, username="sec1", name="王书记"),
        deputy=member_of(branch, Role.DEPUTY_SECRETARY, username="dep1"),
        member=member_of(branch, Role.MEMBER, username="mem1", name="刘党员"),
        group_member=member_of(group, Role.MEMBER, username="grp1"),
        other_secretary=member_of(other_branch, Role.SECRETARY, username="sec2"),
        other_member=member_of(other_branch, Role.MEMBER, username="mem2"),
        far_admin=member_of(other_committee, Role.ADMIN, username="admin2"),
        far_secretary=member_of(far_branch, Role.SECRETARY, username="sec3"),
        outsider=UserFactory(username="nobody"),
        site_admin=UserFactory(username="root", is_superuser=True, is_staff=True),
    )
    return SimpleNamespace(
        committee=committee, branch=branch, group=group, other_branch=other_branch,
        other_committee=other_committee, far_branch=far_branch, external=external, people=people,
    )


@pytest.fixture
def client_for(db):
    """`client_for(user)`: a test client logged in as that user; `language="en"` makes them
    someone who reads English (their profile's language, and their browser's)."""

    def make(user, language=None):
        if language and user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        client = Client(HTTP_ACCEPT_LANGUAGE=language or "zh-hans")
        client.force_login(user)
        return client

    return make


# Browser tests: Playwright for Python driving Debian's Chromium, never a downloaded one.
@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: browser tests may not skip in CI")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page on a 375 px wide phone, in Simplified Chinese."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server):
    """`browser_login(page, username, password)`: sign in through the real login form."""

    def login(page, username, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return login
