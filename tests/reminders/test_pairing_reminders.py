from datetime import date

from notifications.models import Notification
from pairings.models import Pairing
from reminders.models import ReminderKind
from tests.factories.reminders import PairingFactory
from tests.reminders.conftest import titles

PAIRING = ReminderKind.PAIRING_EXPIRY


def agreement(tree, **fields):
    return PairingFactory(title="支部联建协议", parties=[tree.branch, tree.far_branch, tree.external],
                          start_date=date(2025, 7, 1), end_date=date(2026, 6, 30), **fields)


def test_parties_secretaries_are_reminded_30_and_7_days_before_the_end_in_chinese(tree, at, run):
    agreement(tree)
    at(2026, 5, 31, 8, 59)
    run(PAIRING)
    assert Notification.objects.count() == 0
    at(2026, 5, 31, 9, 0)  # 30 days before 30 June, at the send hour
    run(PAIRING)
    expected = ["共建协议“支部联建协议”还有 30 天到期"]
    for person in (tree.people.secretary, tree.people.deputy, tree.people.far_secretary):
        assert titles(person) == expected
    assert "共建协议“支部联建协议”将于 2026年6月30日 到期" in Notification.objects.filter(
        recipient=tree.people.secretary).get().body
    assert titles(tree.people.member) == titles(tree.people.other_secretary) == []

    at(2026, 6, 10, 9)
    run(PAIRING)
    assert len(titles(tree.people.secretary)) == 1
    at(2026, 6, 23, 9)
    run(PAIRING)
    assert titles(tree.people.secretary) == ["共建协议“支部联建协议”还有 7 天到期", *expected]


def test_pairing_reminder_in_english(tree, at, run):
    tree.people.far_secretary.language = "en"
    tree.people.far_secretary.save()
    agreement(tree)
    at(2026, 6, 23, 9)
    run(PAIRING)
    assert titles(tree.people.far_secretary) == ['The agreement "支部联建协议" ends in 7 days']


def test_nothing_for_a_terminated_or_unapproved_agreement(tree, at, run):
    agreement(tree, status=Pairing.Status.TERMINATED)
    PairingFactory(title="草稿", parties=[tree.branch, tree.other_branch], status=Pairing.Status.DRAFT,
                   start_date=date(2025, 7, 1), end_date=date(2026, 6, 30))
    at(2026, 6, 23, 9)
    run(PAIRING)
    assert Notification.objects.count() == 0


def test_nothing_for_a_secretary_who_left(tree, at, run):
    tree.people.far_secretary.memberships.all().delete()
    agreement(tree)
    at(2026, 6, 23, 9)
    run(PAIRING)
    assert titles(tree.people.far_secretary) == []
    assert len(titles(tree.people.secretary)) == 1
