"""Who sees and who acts on an activity, for every role inside and outside the organisation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from pairings.models import Pairing, PairingParty
from tests.factories.activities import ActivityFactory

# role → (sees the activity, manages it, takes attendance) for an activity of 第一配送中心党支部
BRANCH_ACTIVITY = {
    "site_admin": (True, True, True),
    "admin": (True, True, True),
    "committee_member": (True, False, False),
    "secretary": (True, True, True),
    "deputy": (True, True, True),
    "member": (True, False, False),
    "group_member": (True, False, False),
    "other_secretary": (False, False, False),
    "other_member": (False, False, False),
    "far_admin": (False, False, False),
    "far_secretary": (False, False, False),
    "outsider": (False, False, False),
}


@pytest.fixture
def activity(tree):
    return ActivityFactory(title="支部主题党日", organizer=tree.branch,
                           starts_at=timezone.now() - timedelta(hours=1))


@pytest.mark.parametrize("role", BRANCH_ACTIVITY)
def test_each_role_sees_and_acts_on_a_branch_activity_as_the_tree_says(tree, client_for, activity, role):
    sees, manages, attends = BRANCH_ACTIVITY[role]
    client = client_for(getattr(tree.people, role))

    detail = client.get(f"/activities/{activity.pk}/")
    assert detail.status_code == (200 if sees else 404)
    listed = client.get("/activities/").content.decode()
    assert ("支部主题党日" in listed) is sees

    expected_manage = 200 if manages else (403 if sees else 404)
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == expected_manage
    assert client.get(f"/activities/{activity.pk}/hold/").status_code == expected_manage
    assert client.get(f"/activities/{activity.pk}/photos/").status_code == expected_manage
    assert client.get(f"/activities/{activity.pk}/cancel/").status_code == expected_manage
    expected_attend = 200 if attends else (403 if sees else 404)
    assert client.get(f"/activities/{activity.pk}/attendance/").status_code == expected_attend
    if sees:
        page = detail.content.decode()
        assert ("录入纪要" in page) is manages
        assert ("考勤登记" in page) is attends


def test_a_participating_branch_sees_the_activity_and_its_secretary_takes_only_their_own_members(
    tree, client_for
):
    activity = ActivityFactory(title="联学共建", organizer=tree.branch, participants=[tree.other_branch],
                               starts_at=timezone.now() - timedelta(hours=1))
    people = tree.people
    assert client_for(people.other_member).get(f"/activities/{activity.pk}/").status_code == 200

    client = client_for(people.other_secretary)
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 403
    checklist = client.get(f"/activities/{activity.pk}/attendance/").content.decode()
    assert people.other_member.display_name in checklist
    assert people.member.display_name not in checklist

    # A crafted POST for someone of another branch changes nothing.
    client.post(f"/activities/{activity.pk}/attendance/", {
        f"user_{people.other_member.pk}": "present", f"user_{people.member.pk}": "present",
    })
    assert set(activity.attendances.values_list("user__username", flat=True)) == {"mem2"}


def test_members_of_a_pairing_party_see_the_pairings_activities_but_do_not_manage_them(tree, client_for):
    pairing = Pairing.objects.create(title="跨公司结对", status=Pairing.Status.APPROVED,
                                     start_date=date(2026, 1, 1), end_date=date(2027, 12, 31))
    PairingParty.objects.create(pairing=pairing, organization=tree.branch, role=PairingParty.Role.INITIATOR)
    PairingParty.objects.create(pairing=pairing, organization=tree.far_branch)
    activity = ActivityFactory(title="结对座谈", organizer=tree.branch, pairing=pairing)

    client = client_for(tree.people.far_secretary)
    assert client.get(f"/activities/{activity.pk}/").status_code == 200
    assert "结对座谈" in client.get(f"/activities/?pairing={pairing.pk}").content.decode()
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 403
    assert client.get(f"/activities/{activity.pk}/attendance/").status_code == 403
    assert client_for(tree.people.outsider).get(f"/activities/{activity.pk}/").status_code == 404


def test_only_managers_may_open_the_planning_form(tree, client_for):
    assert client_for(tree.people.secretary).get("/activities/new/").status_code == 200
    assert client_for(tree.people.member).get("/activities/new/").status_code == 403
    assert client_for(tree.people.committee_member).get("/activities/new/").status_code == 403
