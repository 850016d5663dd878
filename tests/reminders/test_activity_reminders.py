from datetime import timedelta

from django.core import mail

from activities.models import Activity
from branches.models import Membership
from notifications.models import Notification
from reminders.models import Reminder, ReminderCheck, ReminderKind
from tests.factories import member_of
from tests.factories.reminders import ActivityFactory
from tests.reminders.conftest import local, titles

UPCOMING = ReminderKind.UPCOMING_ACTIVITY


def committee_meeting(tree, **fields):
    fields.setdefault("starts_at", local(2026, 3, 11, 14, 30))
    return ActivityFactory(title="三月支委会", organizer=tree.branch, place="三楼会议室", **fields)


def test_participants_get_a_reminder_24_hours_before_in_chinese(tree, at, run, client_for):
    at(2026, 3, 10, 8)
    committee_meeting(tree)
    run(UPCOMING)
    assert titles(tree.people.member) == []  # not due yet: 14:30 tomorrow is more than 24 h away

    at(2026, 3, 10, 14, 31)
    run(UPCOMING)
    assert titles(tree.people.member) == ["活动提醒：“三月支委会”将于 2026年3月11日 14:30 开始"]
    body = Notification.objects.get(recipient=tree.people.member).body
    assert "第一配送中心党支部组织的“三月支委会”" in body and "地点：三楼会议室" in body
    page = client_for(tree.people.member).get("/notifications/")
    assert "三月支委会" in page.content.decode()
    assert [m.subject for m in mail.outbox if m.to == [tree.people.member.email]] == [
        "活动提醒：“三月支委会”将于 2026年3月11日 14:30 开始"
    ]


def test_reminder_is_in_english_for_a_person_who_reads_english(tree, at, run):
    tree.people.member.language = "en"
    tree.people.member.save()
    at(2026, 3, 10, 15)
    committee_meeting(tree)
    run(UPCOMING)
    assert titles(tree.people.member) == ['Reminder: "三月支委会" starts March 11, 2026, 2:30 p.m.']
    assert titles(tree.people.secretary) == ["活动提醒：“三月支委会”将于 2026年3月11日 14:30 开始"]
    english = [m for m in mail.outbox if m.to == [tree.people.member.email]]
    assert "organised by 第一配送中心党支部" in english[0].body


def test_one_hour_reminder_follows_the_24_hour_one(tree, at, run):
    at(2026, 3, 10, 15)
    committee_meeting(tree)
    run(UPCOMING)
    at(2026, 3, 11, 13, 0)
    run(UPCOMING)
    assert len(titles(tree.people.member)) == 1
    at(2026, 3, 11, 13, 30)
    run(UPCOMING)
    assert len(titles(tree.people.member)) == 2
    due = sorted(Reminder.objects.filter(recipient=tree.people.member).values_list("due_at", flat=True))
    assert due == [local(2026, 3, 10, 14, 30), local(2026, 3, 11, 13, 30)]


def test_activity_planned_at_short_notice_gets_only_the_one_hour_reminder(tree, at, run):
    at(2026, 3, 11, 14)
    committee_meeting(tree)
    run(UPCOMING)
    reminder = Reminder.objects.filter(recipient=tree.people.member).get()
    assert reminder.due_at == local(2026, 3, 11, 13, 30)
    assert ReminderCheck.objects.get(kind=UPCOMING).data == {"hours": 1}


def test_every_participating_organisation_is_reminded_once_per_person(tree, at, run):
    both = member_of(tree.other_branch, username="both")
    Membership.objects.create(user=both, organization=tree.branch)
    at(2026, 3, 11, 14)
    committee_meeting(tree, participants=[tree.branch, tree.other_branch])
    run(UPCOMING)
    for person in (tree.people.member, tree.people.other_member, tree.people.other_secretary):
        assert len(titles(person)) == 1
    assert len(titles(both)) == 1
    assert titles(tree.people.far_secretary) == titles(tree.people.outsider) == []


def test_nothing_for_a_cancelled_activity(tree, at, run):
    at(2026, 3, 11, 14)
    committee_meeting(tree, status=Activity.Status.CANCELLED)
    run(UPCOMING)
    assert Notification.objects.count() == 0


def test_no_one_hour_reminder_once_an_activity_is_cancelled(tree, at, run):
    at(2026, 3, 10, 15)
    activity = committee_meeting(tree)
    run(UPCOMING)
    activity.status = Activity.Status.CANCELLED
    activity.save()
    at(2026, 3, 11, 13, 45)
    run(UPCOMING)
    assert len(titles(tree.people.member)) == 1
    assert Reminder.objects.filter(recipient=tree.people.member).count() == 1


def test_nothing_for_people_who_left_the_organisation(tree, at, run):
    Membership.objects.filter(user=tree.people.member).delete()
    tree.people.deputy.is_active = False
    tree.people.deputy.save()
    at(2026, 3, 11, 14)
    committee_meeting(tree)
    run(UPCOMING)
    assert titles(tree.people.member) == titles(tree.people.deputy) == []
    assert len(titles(tree.people.secretary)) == 1


def test_email_off_in_the_profile_means_in_app_only(tree, at, run):
    tree.people.member.email_notifications = False
    tree.people.member.save()
    at(2026, 3, 11, 14)
    committee_meeting(tree)
    run(UPCOMING)
    assert len(titles(tree.people.member)) == 1
    assert not [m for m in mail.outbox if m.to == [tree.people.member.email]]
    assert [m for m in mail.outbox if m.to == [tree.people.secretary.email]]


def test_a_rescheduled_activity_is_reminded_for_its_new_time(tree, at, run):
    at(2026, 3, 11, 14)
    activity = committee_meeting(tree)
    run(UPCOMING)
    activity.starts_at += timedelta(minutes=30)
    activity.ends_at += timedelta(minutes=30)
    activity.save()
    run(UPCOMING)
    assert titles(tree.people.member) == [
        "活动提醒：“三月支委会”将于 2026年3月11日 15:00 开始",
        "活动提醒：“三月支委会”将于 2026年3月11日 14:30 开始",
    ]


def test_the_members_of_a_participating_branchs_party_groups_are_expected_and_reminded(tree, at, run, client_for):
    at(2026, 3, 11, 14)
    activity = committee_meeting(tree)
    run(UPCOMING)
    assert titles(tree.people.group_member) == ["活动提醒：“三月支委会”将于 2026年3月11日 14:30 开始"]
    page = client_for(tree.people.secretary).get(f"/activities/{activity.pk}/").content.decode()
    assert tree.people.group_member.name in page  # on the attendance list too
