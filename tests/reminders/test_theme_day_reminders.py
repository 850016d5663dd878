from activities.models import Activity, ActivityKind
from branches.models import Membership
from notifications.models import Notification
from reminders.models import ReminderKind
from tests.factories.reminders import ActivityFactory
from tests.reminders.conftest import local, titles

THEME_DAY = ReminderKind.THEME_DAY


def test_members_are_reminded_the_day_before_the_fixed_day_in_chinese(tree, at, run):
    at(2026, 5, 14, 8)  # the branch's theme day is the 15th
    run(THEME_DAY)
    assert Notification.objects.count() == 0
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    for person in (tree.people.member, tree.people.secretary, tree.people.deputy, tree.people.group_member):
        assert titles(person) == ["主题党日提醒：第一配送中心党支部 2026年5月15日"]
    body = Notification.objects.filter(recipient=tree.people.member).get().body
    assert "本月尚未安排主题党日活动" in body
    assert titles(tree.people.other_member) == []  # the other branch has no fixed day
    at(2026, 5, 14, 20)
    run(THEME_DAY)
    assert len(titles(tree.people.member)) == 1


def test_theme_day_reminder_in_english(tree, at, run):
    tree.people.member.language = "en"
    tree.people.member.save()
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    assert titles(tree.people.member) == ["Theme Party day of 第一配送中心党支部: May 15, 2026"]


def test_nothing_when_a_theme_party_day_is_already_planned_this_month(tree, at, run):
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.THEME_PARTY_DAY, starts_at=local(2026, 5, 20, 14))
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    assert Notification.objects.count() == 0


def test_nothing_when_one_was_already_held_this_month(tree, at, run):
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.THEME_PARTY_DAY, starts_at=local(2026, 5, 6, 14),
                    status=Activity.Status.HELD)
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    assert Notification.objects.count() == 0


def test_a_cancelled_one_does_not_count(tree, at, run):
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.THEME_PARTY_DAY, starts_at=local(2026, 5, 15, 14),
                    status=Activity.Status.CANCELLED)
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    assert len(titles(tree.people.member)) == 1


def test_nothing_for_members_who_left(tree, at, run):
    Membership.objects.filter(user=tree.people.member).delete()
    at(2026, 5, 14, 9)
    run(THEME_DAY)
    assert titles(tree.people.member) == []
    assert len(titles(tree.people.secretary)) == 1
