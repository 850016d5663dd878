from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityKind
from branches.models import Organization


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class RequirementRuleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class RequirementRule(models.Model):
    """How often an organisation of a kind must hold an activity of a kind (三会一课 and the like)."""

    activity_kind = models.CharField(_("activity kind"), max_length=40, choices=ActivityKind.choices)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices, default=Period.MONTH)
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)
    organization_kind = models.CharField(
        _("applies to"), max_length=20, choices=Organization.Kind.choices, default=Organization.Kind.BRANCH
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RequirementRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["organization_kind", "activity_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity_kind", "period", "organization_kind"], name="requirement_rule_unique"
            ),
            models.CheckConstraint(condition=models.Q(minimum__gte=1), name="requirement_rule_minimum_positive"),
        ]

    def __str__(self):
        return f"{self.get_organization_kind_display()}: {self.get_activity_kind_display()} ≥ {self.minimum} / {self.get_period_display()}"


class ReminderKind(models.TextChoices):
    UPCOMING_ACTIVITY = "upcoming_activity", _("Upcoming activity")
    COMPLIANCE = "compliance", _("Requirement not yet met")
    THEME_DAY = "theme_day", _("Theme Party day")
    PAIRING_EXPIRY = "pairing_expiry", _("Agreement ending")


class Reminder(models.Model):
    """One reminder sent to one person about one object at one due moment.

    The unique key is what makes a reminder go out once. A row is inserted, with ON CONFLICT
    DO NOTHING, in the transaction that stores its notification: it exists if and only if
    the reminder was sent, so retries, overlapping runs and a second beat change nothing.
    The kind says what model `object_id` belongs to (reminders.services.SPECS), so the rows
    carry no content type: hundreds of thousands of rows a month pay for every column,
    index and foreign-key check.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    due_at = models.DateTimeField(_("due"))
    # After this moment the reminder is pointless (the activity has started, the period ended).
    expires_at = models.DateTimeField(_("pointless after"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "due_at", "recipient"], name="reminder_unique_key"
            ),
        ]
        indexes = [
            models.Index(fields=["expires_at"], name="reminder_expires"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.object_id} → {self.recipient_id} @ {self.due_at:%Y-%m-%d %H:%M}"


class ReminderCheck(models.Model):
    """The reminders of one object at one due moment have been sent.

    Written in the transaction that inserts the Reminder rows, so that the next run skips
    the object even when nobody needed reminding (a branch that met its requirements); it
    also keeps what the message said beyond the object itself (the unmet requirements).
    Its insert tells a run which objects are its own to send: a concurrent run that
    inserted the same check first sends that object, this one leaves it.
    """

    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField()
    due_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    data = models.JSONField(default=dict, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "due_at"], name="reminder_check_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "due_at"], name="reminder_check_due"),
            models.Index(fields=["expires_at"], name="reminder_check_expires"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} @ {self.due_at:%Y-%m-%d %H:%M}"
