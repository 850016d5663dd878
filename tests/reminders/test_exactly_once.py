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
from reminders.models import Reminder, ReminderKind
from reminders.tasks import send_activity_reminders
from tests.factories import OrganizationFactory, member_of
from tests.factories.reminders import ActivityFactory

UPCOMING = ReminderKind.UPCOMING_ACTIVITY


def crowd(parent, branches=3, members=8):
    """An activity starting in 30 minutes for `branches` branches of `members` people each."""
    orgs = [OrganizationFactory(parent=parent) for _ in range(branches)]
    people = [member_of(org) for org in orgs for _ in range(members)]
    ActivityFactory(organizer=orgs[0], participants=orgs, starts_at=timezone.now() + timedelta(minutes=30))
    return people


def assert_each_reminded_once(people):
    counts = Counter(Notification.objects.values_list("recipient_id", flat=True))
    assert {person.pk: counts[person.pk] for person in people} == {person.pk: 1 for person in people}
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0
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
    settings.REMINDER_BATCH_SIZE = 5
    people = crowd(tree.committee)
    real_notify_many = services.notify_many
    calls = []

    def dies_on_the_third_batch(messages):
        calls.append(messages)
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real_notify_many(messages)

    with mock.patch.object(services, "notify_many", dies_on_the_third_batch):
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            send_activity_reminders.apply(throw=True)
    assert Notification.objects.count() == 10  # two whole batches, nothing of the third
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 10
    assert Reminder.objects.count() == len(people)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = send_activity_reminders.apply().get()
    assert outcome["sent"] == len(people) - 10
    assert_each_reminded_once(people)


def test_scan_without_delivery_is_picked_up_by_the_next_run(tree, django_capture_on_commit_callbacks):
    people = crowd(tree.committee)
    services.scan(UPCOMING)
    assert Notification.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        send_activity_reminders.apply()
    assert_each_reminded_once(people)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("phase", ["scan and deliver", "deliver"])
def test_concurrent_runs_send_each_reminder_once(settings, phase):
    """Four workers (threads with their own connections) run at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("row locking is what is tested here: PostgreSQL only")
    settings.REMINDER_BATCH_SIZE = 7
    committee = OrganizationFactory(kind="committee")
    people = crowd(committee, branches=4, members=15)
    if phase == "deliver":
        services.scan(UPCOMING)
    start = threading.Barrier(4)
    errors = []

    def worker():
        try:
            start.wait()
            services.send_reminders(UPCOMING)
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
    assert Reminder.objects.count() == len(people)
    assert_each_reminded_once(people)
