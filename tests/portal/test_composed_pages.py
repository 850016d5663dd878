"""Pages that gather several apps: an organisation's page and an agreement's page."""

from datetime import timedelta

from django.utils import timezone

from activities.models import Activity
from materials.models import Material
from pairings.models import Pairing
from tests.factories.activities import ActivityFactory
from tests.factories.materials import MaterialFactory
from tests.factories.pairings import pairing_between


def test_organisation_page_shows_its_activities_agreements_and_materials(tree, client_for):
    ActivityFactory(title="十一月主题党日", organizer=tree.branch)
    ActivityFactory(title="联学共建座谈", organizer=tree.other_branch, participants=[tree.branch],
                    status=Activity.Status.HELD, starts_at=timezone.now() - timedelta(days=3))
    pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.APPROVED, title="一支部二支部联建")
    MaterialFactory(title="党史学习辅导", owner=tree.branch)
    text = client_for(tree.people.member).get(f"/organizations/{tree.branch.pk}/").content.decode()
    assert "十一月主题党日" in text and "联学共建座谈" in text
    assert "一支部二支部联建" in text
    assert "党史学习辅导" in text


def test_organisation_page_hides_what_the_viewer_may_not_see(tree, client_for):
    ActivityFactory(title="支委会（内部）", organizer=tree.branch, kind="branch_committee")
    MaterialFactory(title="支部内部资料", owner=tree.branch, visibility=Material.Visibility.SUBTREE)
    text = client_for(tree.people.far_secretary).get(f"/organizations/{tree.branch.pk}/").content.decode()
    assert "支委会（内部）" not in text
    assert "支部内部资料" not in text


def test_only_those_who_oversee_see_the_ledger_button(tree, client_for):
    url = f"/organizations/{tree.branch.pk}/"
    assert "下载活动台账" in client_for(tree.people.secretary).get(url).content.decode()
    assert "下载活动台账" not in client_for(tree.people.member).get(url).content.decode()


def test_agreement_page_lists_its_joint_activities_and_shared_materials(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.APPROVED)
    ActivityFactory(title="两支部联合宣讲", organizer=tree.branch, participants=[tree.other_branch], pairing=pairing)
    MaterialFactory(title="共享学习清单", owner=tree.other_branch, visibility=Material.Visibility.PARTNERS)
    MaterialFactory(title="二支部自用资料", owner=tree.other_branch, visibility=Material.Visibility.SUBTREE)
    text = client_for(tree.people.member).get(f"/pairings/{pairing.pk}/").content.decode()
    assert "两支部联合宣讲" in text
    assert "共享学习清单" in text
    assert "二支部自用资料" not in text
    assert "组织共建活动" in client_for(tree.people.secretary).get(f"/pairings/{pairing.pk}/").content.decode()


def test_organisation_page_query_count_does_not_grow(tree, client_for, django_assert_max_num_queries):
    client = client_for(tree.people.secretary)
    url = f"/organizations/{tree.branch.pk}/"
    ActivityFactory(organizer=tree.branch)
    pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.APPROVED)
    MaterialFactory(owner=tree.branch)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    baseline = len(captured.captured_queries)
    for n in range(10):
        ActivityFactory(organizer=tree.branch, participants=[tree.other_branch])
        pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.APPROVED, title=f"协议{n}")
        MaterialFactory(owner=tree.branch)
    with django_assert_max_num_queries(baseline):
        client.get(url)
