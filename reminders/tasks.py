"""Beat tasks: each sends the reminders of one kind that are due (reminders/services.py).

They keep no state of their own, so a retry, a task redelivered by the broker, or a second
beat running the same schedule sends nothing twice.
"""

from celery import shared_task
from celery.signals import worker_ready

from reminders import services
from reminders.models import ReminderKind


def _run(kind):
    return {"sent": services.send_reminders(kind)}


@shared_task(acks_late=True)
def send_activity_reminders():
    return _run(ReminderKind.UPCOMING_ACTIVITY)


@shared_task(acks_late=True)
def send_compliance_reminders():
    return _run(ReminderKind.COMPLIANCE)


@shared_task(acks_late=True)
def send_theme_day_reminders():
    return _run(ReminderKind.THEME_DAY)


@shared_task(acks_late=True)
def send_pairing_expiry_reminders():
    return _run(ReminderKind.PAIRING_EXPIRY)


@shared_task(acks_late=True)
def purge_old_reminders():
    return services.purge_old_reminders()


@worker_ready.connect
def catch_up_when_a_worker_starts(sender, **kwargs):
    """Run every reminder task as soon as a worker is up, not a beat interval later.

    After downtime the reminders that fell due meanwhile go out at once (a new demo, too,
    shows its reminders in seconds); a second worker starting does no harm.
    """
    for name in ("send_activity_reminders", "send_compliance_reminders", "send_theme_day_reminders",
                 "send_pairing_expiry_reminders"):
        sender.app.send_task(f"reminders.tasks.{name}")
