"""Every refused action says why, in the user's language, and changes nothing."""

import datetime

import pytest

from branches.models import Role
from pairings.models import Pairing
from tests.factories import member_of
from tests.factories.pairings import pairing_between


def _snapshot(pairing):
    pairing.refresh_from_db()
    return (pairing.status, pairing.title, pairing.goals, pairing.start_date, pairing.end_date,
            pairing.events.count(), sorted(pairing.parties.values_list("organization_id", flat=True)))


def test_approving_a_draft_is_refused(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary)
    before = _snapshot(pairing)
    response = client_for(tree.people.admin).post(f"/pairings/{pairing.pk}/approve/", follow=True)
    assert "只有待审批的协议才能被批准" in response.content.decode()
    assert _snapshot(pairing) == before


def test_rejecting_a_draft_is_refused(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary)
    before = _snapshot(pairing)
    response = client_for(tree.people.admin).post(f"/pairings/{pairing.pk}/reject/", {"comment": "不同意"}, follow=True)
    assert "只有待审批的协议才能被退回" in response.content.decode()
    assert _snapshot(pairing) == before


def test_approving_ones_own_submission_is_refused(tree, client_for):
    admin = tree.people.admin
    pairing = pairing_between(tree.committee, tree.branch, created_by=admin)
    client = client_for(admin)
    client.post(f"/pairings/{pairing.pk}/submit/")
    before = _snapshot(pairing)
    assert before[0] == Pairing.Status.SUBMITTED
    page = client.get(f"/pairings/{pairing.pk}/").content.decode()
    assert "审批意见" not in page  # no decision panel for one's own submission
    response = client.post(f"/pairings/{pairing.pk}/approve/", follow=True)
    assert "不能审批自己提交的协议" in response.content.decode()
    assert _snapshot(pairing) == before
    # nor does it count in their own queue
    assert "approval-count" not in client.get("/pairings/").content.decode()
    # another admin of the same committee may
    second_admin = member_of(tree.committee, Role.ADMIN, username="admin3")
    client_for(second_admin).post(f"/pairings/{pairing.pk}/approve/")
    assert _snapshot(pairing)[0] == Pairing.Status.APPROVED


@pytest.mark.parametrize("status", [Pairing.Status.APPROVED, Pairing.Status.SUBMITTED, Pairing.Status.TERMINATED])
def test_editing_a_submitted_approved_or_terminated_agreement_is_refused(tree, client_for, draft_data, status):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary, status=status)
    before = _snapshot(pairing)
    client = client_for(tree.people.secretary)
    response = client.get(f"/pairings/{pairing.pk}/edit/", follow=True)
    assert "不能再修改" in response.content.decode()
    response = client.post(f"/pairings/{pairing.pk}/edit/", draft_data(title="改掉"), follow=True)
    assert "不能再修改" in response.content.decode()
    response = client.post(f"/pairings/{pairing.pk}/submit/", follow=True)
    assert "只有草稿或已退回的协议才能提交" in response.content.decode()
    assert _snapshot(pairing) == before


def test_editing_an_ended_agreement_is_refused(tree, client_for, draft_data):
    today = datetime.date.today()
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary,
                              status=Pairing.Status.APPROVED, start_date=today - datetime.timedelta(days=400),
                              end_date=today - datetime.timedelta(days=35))
    assert pairing.has_ended
    before = _snapshot(pairing)
    client = client_for(tree.people.secretary)
    response = client.post(f"/pairings/{pairing.pk}/edit/", draft_data(), follow=True)
    assert "不能再修改" in response.content.decode()
    response = client.post(f"/pairings/{pairing.pk}/terminate/", {"reason": "再终止一次"}, follow=True)
    assert "只有已批准且尚未结束的协议才能提前终止" in response.content.decode()
    assert _snapshot(pairing) == before


def test_acting_outside_ones_subtree_is_refused(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary,
                              status=Pairing.Status.SUBMITTED, submitted_by=tree.people.secretary)
    before = _snapshot(pairing)
    far_admin = client_for(tree.people.far_admin)
    assert far_admin.post(f"/pairings/{pairing.pk}/approve/").status_code == 404
    assert far_admin.post(f"/pairings/{pairing.pk}/reject/", {"comment": "不行"}).status_code == 404
    # a secretary of a party may see it but not decide on it
    other = client_for(tree.people.other_secretary)
    response = other.post(f"/pairings/{pairing.pk}/approve/")
    assert response.status_code == 403
    assert "您的角色无权进行此操作" in response.content.decode()
    assert _snapshot(pairing) == before


def test_drafting_for_an_organisation_one_does_not_lead_is_refused(tree, client_for, draft_data):
    response = client_for(tree.people.secretary).post(
        "/pairings/new/", draft_data(initiator=tree.far_branch.pk, partners=[tree.branch.pk]))
    assert "选择一个有效的选项" in response.content.decode()
    assert not Pairing.objects.exists()


def test_end_date_before_start_is_refused(tree, client_for, draft_data):
    response = client_for(tree.people.secretary).post(
        "/pairings/new/", draft_data(start_date="2026-06-01", end_date="2026-05-01", title="保留的标题"))
    text = response.content.decode()
    assert "结束日期不能早于开始日期" in text
    assert "保留的标题" in text  # what was typed is kept
    assert not Pairing.objects.exists()


def test_pairing_an_organisation_with_itself_is_refused(tree, client_for, draft_data):
    response = client_for(tree.people.secretary).post("/pairings/new/", draft_data(partners=[tree.branch.pk]))
    assert "党组织不能与自身结对" in response.content.decode()
    assert not Pairing.objects.exists()


def test_an_agreement_without_partner_is_refused(tree, client_for, draft_data):
    response = client_for(tree.people.secretary).post("/pairings/new/", draft_data(partners=[]))
    assert "至少需要两方" in response.content.decode()
    assert not Pairing.objects.exists()


def test_kind_must_match_the_parties(tree, client_for, draft_data):
    client = client_for(tree.people.secretary)
    response = client.post("/pairings/new/", draft_data(kind="external"))
    assert "外部共建协议需要至少一个兄弟单位的党组织" in response.content.decode()
    response = client.post("/pairings/new/", draft_data(partners=[tree.external.pk]))
    assert "请选择“外部共建”" in response.content.decode()
    assert not Pairing.objects.exists()


def test_editing_with_bad_dates_keeps_the_saved_agreement(tree, client_for, draft_data):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary)
    before = _snapshot(pairing)
    response = client_for(tree.people.secretary).post(
        f"/pairings/{pairing.pk}/edit/", draft_data(start_date="2026-06-01", end_date="2026-01-01"))
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert _snapshot(pairing) == before


def test_rejecting_without_a_comment_is_refused(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.SUBMITTED,
                              submitted_by=tree.people.secretary)
    before = _snapshot(pairing)
    response = client_for(tree.people.admin).post(f"/pairings/{pairing.pk}/reject/", {"comment": ""})
    assert "请说明退回的理由" in response.content.decode()
    assert _snapshot(pairing) == before


def test_submitting_with_no_common_committee_is_refused(tree, client_for):
    pairing = pairing_between(tree.branch, tree.far_branch, created_by=tree.people.secretary)
    before = _snapshot(pairing)
    response = client_for(tree.people.secretary).post(f"/pairings/{pairing.pk}/submit/", follow=True)
    assert "没有一个党委同时包含所有本公司协议方" in response.content.decode()
    assert _snapshot(pairing) == before
