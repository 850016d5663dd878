import threading
from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from notifications.models import Notification
from reminders import services
from reminders.models import Reminder, ReminderCheck, ReminderKind
from reminders.tasks import send_activity_reminders
from tests.factories import OrganizationFactory, member_of
from tests.factories.reminders import ActivityFactory

UPCOMING = ReminderKind.UPCOMING_ACTIVITY


def crowd(parent, activities=1, branches=3, members=8):
    """`activities` activities starting in 30 minutes, each for `branches` branches of `members` people."""
    people = []
    for _ in range(activities):
        orgs = [OrganizationFactory(parent=parent) for _ in range(branches)]
        people += [member_of(org) for org in orgs for _ in range(members)]
        ActivityFactory(organizer=orgs[0], participants=orgs, starts_at=timezone.now() + timedelta(minutes=30))
    return people


def assert_each_reminded_once(people):
    counts = Counter(Notification.objects.values_list("recipient_id", flat=True))
    assert {person.pk: counts[person.pk] for person in people} == {person.pk: 1 for person in people}
    assert Reminder.objects.count() == len(people)
    emails = Counter(tuple(message.to) for message in mail.outbox)
    assert all(emails[(person.email,)] == 1 for person in people)


def test_a_retried_task_sends_nothing_twice(tree, django_capture_on_commit_callbacks):
    people = crowd(tree.committee)
    with django_capture_on_commit_callbacks(execute=True):
        first = send_activity_reminders.apply().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_activity_reminders.apply().get()
    assert first["sent"] == len(people) and second["sent"] == 0
    assert_each_reminded_once(people)


def test_a_run_interrupted_halfway_loses_nothing_and_the_next_sends_the_rest(
    tree, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_BATCH_SIZE = 1
    people = crowd(tree.committee, activities=4, branches=1, members=6)
    real_notify_selected = services.notify_selected
    calls = []

    def dies_on_the_third_batch(*args):
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real_notify_selected(*args)

    with mock.patch.object(services, "notify_selected", dies_on_the_third_batch):
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            send_activity_reminders.apply(throw=True)
    # Two whole batches, nothing of the third: no notification, reminder or check of it.
    assert Notification.objects.count() == Reminder.objects.count() == 12
    assert ReminderCheck.objects.count() == 2
    assert len(mail.outbox) == 12

    with django_capture_on_commit_callbacks(execute=True):
        outcome = send_activity_reminders.apply().get()
    assert outcome["sent"] == len(people) - 12
    assert_each_reminded_once(people)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_reminder_once(settings):
    """Four workers (threads with their own connections) run at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are what is tested here: PostgreSQL only")
    settings.REMINDER_BATCH_SIZE = 2
    committee = OrganizationFactory(kind="committee")
    people = crowd(committee, activities=7, branches=2, members=6)
    start = threading.Barrier(4)
    errors, sent = [], []

    def worker():
        try:
            start.wait()
            sent.append(services.send_reminders(UPCOMING))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == len(people)
    assert_each_reminded_once(people)
