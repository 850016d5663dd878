"""Attendance: the checklist of expected people, bulk recording and corrections with history."""

import logging
from datetime import timedelta

from django.utils import timezone

from activities.models import Attendance, AttendanceChange
from tests.factories.activities import ActivityFactory
from tests.factories import UserFactory, member_of


def _held_activity(tree, **kwargs):
    return ActivityFactory(organizer=tree.branch, title="支部党员大会",
                           starts_at=timezone.now() - timedelta(hours=2), **kwargs)


def test_the_checklist_lists_the_branch_and_its_groups_members_but_not_inactive_people(tree, client_for):
    gone = member_of(tree.branch, username="gone", name="已调离党员")
    gone.is_active = False
    gone.save()
    activity = _held_activity(tree)
    page = client_for(tree.people.secretary).get(f"/activities/{activity.pk}/attendance/").content.decode()
    for person in ("王书记", "刘党员", tree.people.group_member.display_name, tree.people.deputy.display_name):
        assert person in page
    assert "已调离党员" not in page
    assert tree.people.other_member.display_name not in page


def test_a_secretary_records_attendance_in_bulk_and_the_detail_counts_it(tree, client_for):
    activity = _held_activity(tree)
    people = tree.people
    client = client_for(people.secretary)
    response = client.post(f"/activities/{activity.pk}/attendance/", {
        f"user_{people.secretary.pk}": "present", f"user_{people.member.pk}": "present",
        f"user_{people.deputy.pk}": "leave", f"user_{people.group_member.pk}": "",
    }, follow=True)
    page = response.content.decode()
    assert "已登记 3 人" in page
    assert "应到 4 人，实到 2 人" in page
    assert Attendance.objects.get(activity=activity, user=people.deputy).status == "leave"
    assert not Attendance.objects.filter(activity=activity, user=people.group_member).exists()


def test_a_correction_keeps_who_changed_it_when_and_the_previous_state(tree, client_for, caplog):
    activity = _held_activity(tree)
    people = tree.people
    Attendance.objects.create(activity=activity, user=people.member, status="present", method="qr",
                              recorded_by=people.member)
    client = client_for(people.deputy)
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        client.post(f"/activities/{activity.pk}/attendance/", {f"user_{people.member.pk}": "absent"})
    record = Attendance.objects.get(activity=activity, user=people.member)
    assert (record.status, record.method, record.recorded_by) == ("absent", "manual", people.deputy)
    change = AttendanceChange.objects.get()
    assert (change.previous_status, change.previous_method, change.new_status) == ("present", "qr", "absent")
    assert change.changed_by == people.deputy
    assert any("attendance corrected" in r.getMessage() for r in caplog.records)

    page = client.get(f"/activities/{activity.pk}/attendance/").content.decode()
    assert "更正记录" in page
    assert "将刘党员从出席改为缺席" in page


def test_saving_the_same_attendance_again_records_no_correction(tree, client_for):
    activity = _held_activity(tree)
    client = client_for(tree.people.secretary)
    data = {f"user_{tree.people.member.pk}": "present"}
    client.post(f"/activities/{activity.pk}/attendance/", data)
    client.post(f"/activities/{activity.pk}/attendance/", data)
    assert Attendance.objects.count() == 1
    assert not AttendanceChange.objects.exists()


def test_a_status_outside_the_choices_is_refused(tree, client_for):
    activity = _held_activity(tree)
    response = client_for(tree.people.secretary).post(
        f"/activities/{activity.pk}/attendance/", {f"user_{tree.people.member.pk}": "maybe"})
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_member_sees_their_own_attendance_but_not_the_list(tree, client_for):
    activity = _held_activity(tree)
    Attendance.objects.create(activity=activity, user=tree.people.member, status="leave")
    Attendance.objects.create(activity=activity, user=tree.people.deputy, status="absent")
    page = client_for(tree.people.member).get(f"/activities/{activity.pk}/").content.decode()
    assert "请假" in page
    assert "应到人员" not in page
    assert tree.people.deputy.display_name not in page


def test_attendance_cannot_be_taken_for_a_cancelled_activity(tree, client_for):
    activity = _held_activity(tree, status="cancelled")
    assert client_for(tree.people.secretary).get(f"/activities/{activity.pk}/attendance/").status_code == 403


def test_someone_not_expected_cannot_be_recorded_by_a_crafted_field(tree, client_for):
    activity = _held_activity(tree)
    stranger = UserFactory(username="stranger")
    client_for(tree.people.secretary).post(f"/activities/{activity.pk}/attendance/", {f"user_{stranger.pk}": "present"})
    assert not Attendance.objects.exists()
