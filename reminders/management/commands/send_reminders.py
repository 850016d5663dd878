from django.core.management.base import BaseCommand

from reminders.models import ReminderKind
from reminders.services import send_reminders


class Command(BaseCommand):
    help = "Run every reminder task once, now, in this process (what the beat tasks do every minute)."

    def handle(self, *args, **options):
        for kind in ReminderKind:
            self.stdout.write(f"{kind.value}: {send_reminders(kind)} sent")
