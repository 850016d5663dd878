from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications.models import Notification
from reminders.services import send_reminders

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def at():
    """`at(2026, 3, 10, 9)`: move the clock to that local time (and keep it there)."""
    travellers = []

    def move(*args):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(local(*args), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield move
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`run(kind)`: one beat run of that kind of reminder, with its emails sent."""

    def run_kind(kind):
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(kind)

    return run_kind


def titles(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))
