import django.utils.timezone
from django.db import migrations, models


def forget_unsent_reminders(apps, schema_editor):
    """A row now means "sent", in the transaction that stored its notification: rows that were
    skipped or still waiting for delivery go (their checks stay, so they are not made again)."""
    Reminder = apps.get_model("reminders", "Reminder")
    Reminder.objects.filter(models.Q(skipped=True) | models.Q(sent_at__isnull=True)).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('reminders', '0003_reminders_without_content_type'),
    ]

    operations = [
        migrations.RunPython(forget_unsent_reminders, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='reminder',
            name='reminder_pending',
        ),
        migrations.RemoveField(
            model_name='reminder',
            name='created_at',
        ),
        migrations.RemoveField(
            model_name='reminder',
            name='skipped',
        ),
        migrations.AlterField(
            model_name='reminder',
            name='sent_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent'),
        ),
    ]
