from datetime import timedelta

from django.utils import timezone

from reminders.models import Reminder, ReminderCheck, ReminderKind
from reminders.services import purge_old_reminders
from tests.factories.reminders import ActivityFactory
from tests.reminders.conftest import titles

UPCOMING = ReminderKind.UPCOMING_ACTIVITY


def test_reminders_long_past_are_forgotten_with_their_checks_and_never_sent_again(tree, at, run, settings):
    at(2026, 3, 11, 14)
    ActivityFactory(organizer=tree.branch, starts_at=timezone.now() + timedelta(minutes=30))
    run(UPCOMING)
    assert Reminder.objects.count() == 4 and ReminderCheck.objects.count() == 1  # the branch and its group

    at(2027, 4, 20, 9)  # more than REMINDER_KEEP_DAYS (400) after the activity
    recent = ActivityFactory(organizer=tree.branch, starts_at=timezone.now() + timedelta(minutes=30))
    run(UPCOMING)
    assert purge_old_reminders() == 4
    assert set(ReminderCheck.objects.values_list("object_id", flat=True)) == {recent.pk}
    assert set(Reminder.objects.values_list("object_id", flat=True)) == {recent.pk}
    run(UPCOMING)
    assert len(titles(tree.people.member)) == 2
