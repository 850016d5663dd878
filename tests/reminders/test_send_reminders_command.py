from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from config.celery_app import app
from notifications.models import Notification
from tests.factories.reminders import ActivityFactory


def test_send_reminders_runs_every_kind_once_for_operators(tree, django_capture_on_commit_callbacks):
    ActivityFactory(title="党课", organizer=tree.branch, starts_at=timezone.now() + timedelta(minutes=50))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["upcoming_activity", "compliance", "theme_day", "pairing_expiry"]
    assert "4 sent" in lines[0]  # the branch secretary, deputy and member, and its Party group's member
    assert Notification.objects.filter(recipient=tree.people.member, title__contains="党课").count() == 1
    call_command("send_reminders", stdout=StringIO())
    assert Notification.objects.filter(recipient=tree.people.member, title__contains="党课").count() == 1


def test_beat_runs_every_reminder_task_every_minute():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    tasks = {entry["task"] for entry in schedule.values()}
    assert {
        "reminders.tasks.send_activity_reminders", "reminders.tasks.send_compliance_reminders",
        "reminders.tasks.send_theme_day_reminders", "reminders.tasks.send_pairing_expiry_reminders",
    } <= tasks
    assert tasks <= set(app.tasks)
    assert all(entry["schedule"] <= 60 for entry in schedule.values() if entry["task"].startswith("reminders.tasks.send_"))
    assert all(app.tasks[name].acks_late for name in tasks)
