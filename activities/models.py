import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.models import Organization


class ActivityKind(models.TextChoices):
    PARTY_CONGRESS = "party_congress", _("Branch Party congress")
    BRANCH_COMMITTEE = "branch_committee", _("Branch committee meeting")
    GROUP_MEETING = "group_meeting", _("Party group meeting")
    PARTY_LESSON = "party_lesson", _("Party lesson")
    THEME_PARTY_DAY = "theme_party_day", _("Theme Party day")
    ORGANIZATION_LIFE_MEETING = "organization_life_meeting", _("Organisational life meeting")
    JOINT_STUDY = "joint_study", _("Joint study")
    VOLUNTEER_SERVICE = "volunteer_service", _("Volunteer service")
    SYMPOSIUM = "symposium", _("Symposium")
    RED_EDUCATION = "red_education", _("Red education")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")
    PRACTICAL_SERVICE = "practical_service", _("Practical service for the people")
    TRAINING = "training", _("Lectures and training")
    OTHER = "other", _("Other")


class Activity(models.Model):
    """Something done together or by one branch: a 三会一课 session, a theme Party day,
    or a joint activity.

    Its expected people are the members of its participating organisations; the organiser
    is always one of the participating organisations.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=ActivityKind.choices, default=ActivityKind.OTHER)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organized_activities"
    )
    participants = models.ManyToManyField(
        Organization, verbose_name=_("participating organisations"), related_name="activities"
    )
    pairing = models.ForeignKey(
        "pairings.Pairing", verbose_name=_("co-building agreement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="activities",
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="created_activities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="activity_status_start")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="activity_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_upcoming(self):
        return self.status == self.Status.PLANNED and self.starts_at >= timezone.now()


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        LEAVE = "leave", _("On leave")

    class Method(models.TextChoices):
        MANUAL = "manual", _("Recorded by secretary")
        QR = "qr", _("QR check-in")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.PRESENT)
    method = models.CharField(_("recorded by"), max_length=20, choices=Method.choices, default=Method.MANUAL)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="attendance_unique_activity_user"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.activity}: {self.get_status_display()}"


class AttendanceChange(models.Model):
    """A correction of someone's attendance: who changed it, when, and what it was before."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    previous_status = models.CharField(_("previous attendance"), max_length=20, choices=Attendance.Status.choices)
    previous_method = models.CharField(_("previously recorded by"), max_length=20, choices=Attendance.Method.choices)
    new_status = models.CharField(_("new attendance"), max_length=20, choices=Attendance.Status.choices)

    class Meta:
        verbose_name = _("attendance correction")
        verbose_name_plural = _("attendance corrections")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.attendance}: {self.previous_status} → {self.new_status}"


class ActivityPhoto(models.Model):
    """A photo of an activity, re-encoded on upload (no EXIF) and stored under a generated name."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="activities/photos/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="activities/thumbnails/")
    original_name = models.CharField(max_length=255, blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.caption or self.original_name or f"#{self.pk}"


def _feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The private token under which a person's .ics feed is published; renewing it revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user} · .ics"

    def renew(self):
        self.token = _feed_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
