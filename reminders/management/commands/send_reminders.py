from django.core.management.base import BaseCommand

from reminders.models import ReminderKind
from reminders.services import send_reminders


class Command(BaseCommand):
    help = "Run every reminder task once, now, in this process (what the beat tasks do every minute)."

    def handle(self, *args, **options):
        for kind in ReminderKind:
            outcome = send_reminders(kind)
            self.stdout.write(
                f"{kind.value}: {outcome.queued} due, {outcome.sent} sent, {outcome.skipped} skipped"
            )
