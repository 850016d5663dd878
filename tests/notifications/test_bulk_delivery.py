from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.services import (
    email_pending_notifications, notify_selected, render_texts, send_notification_emails,
)
from tests.factories import UserFactory

INVITATION = ("branches/email/invitation", {"invitation": {"name": "王", "organization": {"name": "机关党支部"}}, "link": "x"})


def notify_people(people, url=""):
    """Notify each person of the invitation, selecting them by a query as reminders do."""
    ids = [person.pk for person in people]
    user_table = people[0]._meta.db_table
    return notify_selected(
        f"SELECT id, 1 FROM {user_table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids,
        {1: (*INVITATION, url)},
    )


def test_texts_are_rendered_once_per_language_of_the_site():
    texts = render_texts({1: (*INVITATION, "/n/"), 2: (*INVITATION, "")})
    assert set(texts) == {(1, "zh-hans"), (1, "en"), (2, "zh-hans"), (2, "en")}
    assert texts[1, "en"].title == "Invitation to join 机关党支部"
    assert texts[1, "zh-hans"].title != texts[1, "en"].title and texts[1, "en"].url == "/n/"


def test_only_the_languages_of_its_readers_are_rendered(db):
    with mock.patch("notifications.services.render_texts", wraps=render_texts) as render:
        notify_people([UserFactory(), UserFactory(language="")])
    assert render.call_args.kwargs["wanted"] == {(1, "zh-hans")}
    assert Notification.objects.count() == 2


def test_each_selected_person_gets_it_in_their_language_and_an_email_if_they_want_one(
    db, django_capture_on_commit_callbacks
):
    chinese, english = UserFactory(), UserFactory(language="en")
    quiet, unknown = UserFactory(email_notifications=False), UserFactory(language="")
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        stored = notify_people([chinese, english, quiet, unknown, gone], url="/n/")
    assert stored == 4
    titles = dict(Notification.objects.values_list("recipient__username", "title"))
    assert titles[english.username] == "Invitation to join 机关党支部"
    assert titles[chinese.username] == titles[unknown.username] != titles[english.username]
    assert gone.username not in titles
    assert set(Notification.objects.values_list("url", flat=True)) == {"/n/"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([chinese.email, english.email, unknown.email])


def test_emails_whose_task_was_lost_are_sent_once_by_the_sweep(db):
    person = UserFactory()
    notify_people([person])
    assert mail.outbox == []  # the task queued after commit never ran
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert email_pending_notifications() == 1
        assert email_pending_notifications() == 0
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_an_email_goes_once_even_when_its_task_runs_twice(db):
    person = UserFactory()
    notify_people([person])
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert send_notification_emails(ids) == 1
    assert send_notification_emails(ids) == 0
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_a_failed_send_leaves_the_email_for_the_next_try(db):
    person = UserFactory()
    notify_people([person])
    ids = list(Notification.objects.values_list("pk", flat=True))
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("SMTP down")):
        with pytest.raises(OSError):
            send_notification_emails(ids)
    assert Notification.objects.get().emailed_at is None
    assert send_notification_emails(ids) == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
