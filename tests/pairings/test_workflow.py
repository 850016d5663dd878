"""The whole workflow through the HTTP layer, for each role."""

from django.core import mail

from notifications.models import Notification
from pairings.models import Pairing, PairingEvent
from tests.factories.pairings import pairing_between


def test_secretary_drafts_edits_and_submits_then_admin_approves(tree, client_for, draft_data, django_capture_on_commit_callbacks):
    people = tree.people
    secretary = client_for(people.secretary)

    response = secretary.post("/pairings/new/", draft_data(), follow=True)
    assert "草稿已保存" in response.content.decode()
    pairing = Pairing.objects.get()
    assert pairing.status == Pairing.Status.DRAFT
    assert pairing.created_by == people.secretary
    assert pairing.approver == tree.committee
    assert [p.organization for p in pairing.parties.order_by("role")] == [tree.branch, tree.other_branch]

    response = secretary.post(f"/pairings/{pairing.pk}/edit/", draft_data(title="修订后的联建协议"), follow=True)
    assert "修订后的联建协议" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary.post(f"/pairings/{pairing.pk}/submit/", follow=True)
    assert "已提交" in response.content.decode()
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.SUBMITTED
    assert pairing.submitted_by == people.secretary
    # the approver is told, and the other party's secretary too
    assert Notification.objects.filter(recipient=people.admin, title__contains="待审批").exists()
    assert Notification.objects.filter(recipient=people.other_secretary).exists()
    assert any(people.admin.email in m.to for m in mail.outbox)

    admin = client_for(people.admin)
    home = admin.get("/pairings/").content.decode()
    assert 'data-testid="approval-count">1<' in home
    queue = admin.get("/pairings/approvals/").content.decode()
    assert "修订后的联建协议" in queue

    response = admin.post(f"/pairings/{pairing.pk}/approve/", {"comment": "同意"}, follow=True)
    assert "协议已批准" in response.content.decode()
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.APPROVED
    assert pairing.is_active
    assert Notification.objects.filter(recipient=people.secretary, title__contains="已批准").exists()
    steps = list(pairing.events.values_list("from_status", "to_status"))
    assert steps == [("", "draft"), ("draft", "draft"), ("draft", "submitted"), ("submitted", "approved")]
    assert pairing.events.last().actor == people.admin
    assert "approval-count" not in admin.get("/pairings/").content.decode()


def test_rejected_agreement_goes_back_to_its_drafter_who_resubmits(tree, client_for, draft_data):
    people = tree.people
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=people.secretary,
                              status=Pairing.Status.SUBMITTED, submitted_by=people.secretary)
    admin = client_for(people.admin)

    response = admin.post(f"/pairings/{pairing.pk}/reject/", {"comment": "  "})
    assert "请说明退回的理由" in response.content.decode()
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.SUBMITTED

    admin.post(f"/pairings/{pairing.pk}/reject/", {"comment": "请补充共建目标的具体措施"})
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.REJECTED
    note = Notification.objects.get(recipient=people.secretary)
    assert "退回" in note.title and "请补充共建目标的具体措施" in note.body

    secretary = client_for(people.secretary)
    form_page = secretary.get(f"/pairings/{pairing.pk}/edit/").content.decode()
    assert "请补充共建目标的具体措施" in form_page
    secretary.post(f"/pairings/{pairing.pk}/edit/", draft_data(goals="<p>每季度开展一次联学。</p>"))
    secretary.post(f"/pairings/{pairing.pk}/submit/")
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.SUBMITTED
    assert "每季度开展一次联学" in pairing.goals


def test_party_secretary_ends_an_active_agreement_with_a_reason(tree, client_for):
    people = tree.people
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=people.secretary,
                              status=Pairing.Status.APPROVED)
    other = client_for(people.other_secretary)
    response = other.post(f"/pairings/{pairing.pk}/terminate/", {"reason": ""})
    assert "请说明提前终止的原因" in response.content.decode()

    response = other.post(f"/pairings/{pairing.pk}/terminate/", {"reason": "支部撤并"}, follow=True)
    assert "已提前终止" in response.content.decode()
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.TERMINATED
    assert pairing.has_ended
    assert PairingEvent.objects.filter(pairing=pairing, to_status="terminated", comment="支部撤并").exists()
    assert Notification.objects.filter(recipient=people.secretary, title__contains="提前终止").exists()


def test_approver_may_end_an_agreement_early(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.APPROVED)
    client_for(tree.people.admin).post(f"/pairings/{pairing.pk}/terminate/", {"reason": "合作任务已完成"})
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.TERMINATED


def test_member_sees_the_agreement_but_no_action(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.SUBMITTED,
                              submitted_by=tree.people.secretary)
    member = client_for(tree.people.member)
    page = member.get(f"/pairings/{pairing.pk}/").content.decode()
    assert pairing.title in page
    assert "批准" not in page.split("历史记录")[0].replace("待审批", "")
    assert member.post(f"/pairings/{pairing.pk}/approve/").status_code == 403
    assert member.get(f"/pairings/{pairing.pk}/edit/").status_code == 403
    assert member.post(f"/pairings/{pairing.pk}/terminate/", {"reason": "x"}).status_code == 403
    assert member.get("/pairings/new/").status_code == 403
    group_member = client_for(tree.people.group_member)
    assert group_member.get(f"/pairings/{pairing.pk}/").status_code == 200


def test_committee_member_oversees_agreements_below(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch)
    response = client_for(tree.people.committee_member).get(f"/pairings/{pairing.pk}/")
    assert response.status_code == 200


def test_external_agreement_needs_only_the_internal_partys_committee(tree, client_for, draft_data):
    secretary = client_for(tree.people.secretary)
    secretary.post("/pairings/new/", draft_data(kind="external", partners=[tree.external.pk]))
    pairing = Pairing.objects.get()
    assert pairing.kind == Pairing.Kind.EXTERNAL
    assert pairing.approver == tree.committee


def test_english_speaker_reads_the_detail_in_english(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary)
    page = client_for(tree.people.secretary, language="en").get(f"/pairings/{pairing.pk}/").content.decode()
    assert "Submit for approval" in page
    assert "Goals and commitments" in page
