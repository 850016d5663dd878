from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.services import Message, email_pending_notifications, notify_many
from tests.factories import UserFactory


def test_notify_many_renders_once_per_language_and_emails_those_who_want_it(db, django_capture_on_commit_callbacks):
    chinese, english = UserFactory(), UserFactory(language="en")
    quiet = UserFactory(email_notifications=False)
    gone = UserFactory(is_active=False)
    message = Message([chinese, english, quiet, gone], "branches/email/invitation",
                      {"invitation": {"name": "王", "organization": {"name": "机关党支部"}}, "link": "x"}, url="/n/")
    with django_capture_on_commit_callbacks(execute=True):
        ids = notify_many([message])
    assert len(ids) == 3
    titles = dict(Notification.objects.values_list("recipient__username", "title"))
    assert titles[english.username] == "Invitation to join 机关党支部"
    assert titles[chinese.username] != titles[english.username]
    assert gone.username not in titles
    assert sorted(m.to[0] for m in mail.outbox) == sorted([chinese.email, english.email])


def test_emails_whose_task_was_lost_are_sent_once_by_the_sweep(db):
    person = UserFactory()
    notify_many([Message([person], "branches/email/invitation",
                         {"invitation": {"name": "王", "organization": {"name": "机关党支部"}}, "link": "x"})])
    assert mail.outbox == []  # the task queued after commit never ran
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert email_pending_notifications() == 1
        assert email_pending_notifications() == 0
    assert [m.to for m in mail.outbox] == [[person.email]]
