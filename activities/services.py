"""Actions on activities: one function per action, each atomic (STYLE.md)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import queries
from activities.models import Activity, ActivityPhoto, Attendance, AttendanceChange
from notifications.services import notify
from portal.images import reencode_image
from portal.richtext import sanitize_text_or_html

audit = logging.getLogger("portal.audit")

THUMBNAIL_SIZE = (480, 480)
CHECKIN_SALT = "activities.checkin"


def _notify_expected(activity, template, exclude=None):
    recipients = [user for user, _orgs in queries.expected_people(activity) if user != exclude]
    if recipients:
        notify(recipients, template=template, context={"activity": activity},
               url=reverse("activity_detail", args=[activity.pk]))


@transaction.atomic
def plan_activity(*, created_by, organizer, participants, **fields):
    """Create a planned activity; the organiser always takes part. Tells the expected people."""
    activity = Activity.objects.create(organizer=organizer, created_by=created_by,
                                       status=Activity.Status.PLANNED, **fields)
    activity.participants.set({organizer, *participants})
    audit.info("activity planned: %s (#%s) by %s", activity, activity.pk, created_by)
    _notify_expected(activity, "activities/notifications/planned", exclude=created_by)
    return activity


@transaction.atomic
def update_activity(activity, *, by, participants=None, **fields):
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    if participants is not None:
        activity.participants.set({activity.organizer, *participants})
    audit.info("activity updated: %s (#%s) by %s", activity, activity.pk, by)
    return activity


@transaction.atomic
def record_held(activity, *, by, minutes, outcomes=""):
    """Mark the activity held with its minutes (sanitised) and outcomes; may be repeated to edit them."""
    if activity.status == Activity.Status.CANCELLED:
        raise ValidationError(_("A cancelled activity cannot be recorded as held."))
    activity.minutes = sanitize_text_or_html(minutes)
    activity.outcomes = (outcomes or "").strip()
    activity.status = Activity.Status.HELD
    activity.save(update_fields=["minutes", "outcomes", "status", "updated_at"])
    audit.info("activity held: %s (#%s) by %s", activity, activity.pk, by)
    return activity


@transaction.atomic
def cancel_activity(activity, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason for cancelling."))
    if activity.status != Activity.Status.PLANNED:
        raise ValidationError(_("Only a planned activity can be cancelled."))
    activity.status = Activity.Status.CANCELLED
    activity.cancel_reason = reason
    activity.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.info("activity cancelled: %s (#%s) by %s: %s", activity, activity.pk, by, reason)
    _notify_expected(activity, "activities/notifications/cancelled", exclude=by)
    return activity


@transaction.atomic
def record_attendance(activity, *, by, statuses):
    """Record `{user_id: status}` in bulk. A changed record keeps its history (AttendanceChange).

    Blank statuses are skipped. Returns `(created, corrected)` counts.
    """
    statuses = {int(uid): status for uid, status in statuses.items() if status}
    existing = {
        a.user_id: a
        for a in Attendance.objects.select_for_update().filter(activity=activity, user_id__in=statuses)
    }
    now = timezone.now()
    new, corrected, changes = [], [], []
    for user_id, status in statuses.items():
        record = existing.get(user_id)
        if record is None:
            new.append(Attendance(activity=activity, user_id=user_id, status=status,
                                  method=Attendance.Method.MANUAL, recorded_at=now, recorded_by=by))
        elif record.status != status:
            changes.append(AttendanceChange(attendance=record, changed_by=by, changed_at=now,
                                            previous_status=record.status, previous_method=record.method,
                                            new_status=status))
            audit.info("attendance corrected: activity #%s user #%s %s/%s -> %s by %s",
                       activity.pk, user_id, record.status, record.method, status, by)
            record.status, record.method, record.recorded_at, record.recorded_by = (
                status, Attendance.Method.MANUAL, now, by)
            corrected.append(record)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(corrected, ["status", "method", "recorded_at", "recorded_by"])
    AttendanceChange.objects.bulk_create(changes)
    return len(new), len(corrected)


# QR check-in ---------------------------------------------------------------------------

class CheckInRefused(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def checkin_token(activity):
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(str(activity.pk))


def activity_id_from_token(token):
    """The activity id in a check-in token, or None when the token was not signed here."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token)
        return int(value)
    except (signing.BadSignature, ValueError):
        return None


def checkin_window(activity):
    opens = activity.starts_at - timedelta(minutes=settings.ACTIVITY_CHECKIN_OPENS_MINUTES)
    return opens, activity.ends_at


@transaction.atomic
def check_in_by_qr(activity, user):
    """Mark `user` present at `activity` once, within its check-in window; raise CheckInRefused otherwise."""
    now = timezone.now()
    opens, closes = checkin_window(activity)
    if activity.status == Activity.Status.CANCELLED:
        raise CheckInRefused("cancelled", _("This activity was cancelled; there is nothing to check in to."))
    if now < opens:
        raise CheckInRefused("not_open", _("Check-in has not opened yet. It opens at %(time)s.")
                             % {"time": timezone.localtime(opens).strftime("%Y-%m-%d %H:%M")})
    if now > closes:
        raise CheckInRefused("closed", _("Check-in for this activity has closed."))
    if not queries.is_expected(activity, user):
        raise CheckInRefused("not_expected", _("You are not among the people expected at this activity."))
    record = Attendance.objects.select_for_update().filter(activity=activity, user=user).first()
    if record is not None and record.status == Attendance.Status.PRESENT:
        raise CheckInRefused("repeated", _("You have already checked in to this activity."))
    if record is None:
        record = Attendance.objects.create(activity=activity, user=user, status=Attendance.Status.PRESENT,
                                           method=Attendance.Method.QR, recorded_at=now, recorded_by=user)
    else:
        AttendanceChange.objects.create(attendance=record, changed_by=user, changed_at=now,
                                        previous_status=record.status, previous_method=record.method,
                                        new_status=Attendance.Status.PRESENT)
        record.status, record.method, record.recorded_at, record.recorded_by = (
            Attendance.Status.PRESENT, Attendance.Method.QR, now, user)
        record.save()
    audit.info("QR check-in: activity #%s user #%s", activity.pk, user.pk)
    return record


# Photos --------------------------------------------------------------------------------

def prepare_photos(files):
    """Re-encode every uploaded file, or raise one ValidationError listing every refused file."""
    prepared, errors = [], []
    for upload in files:
        try:
            prepared.append((upload.name, *reencode_image(upload, settings.IMAGE_MAX_BYTES, THUMBNAIL_SIZE)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return prepared


@transaction.atomic
def add_photos(activity, *, by, prepared, caption=""):
    """Store photos prepared by `prepare_photos` (the form does that while validating)."""
    photos = []
    for original_name, image, thumbnail in prepared:
        photo = ActivityPhoto(activity=activity, caption=caption, uploaded_by=by, original_name=original_name[:255])
        photo.image.save(image.name, image, save=False)
        photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
        photo.save()
        photos.append(photo)
    audit.info("photos added: activity #%s, %s photo(s) by %s", activity.pk, len(photos), by)
    return photos


@transaction.atomic
def delete_photo(photo, *, by):
    audit.info("photo deleted: activity #%s photo #%s by %s", photo.activity_id, photo.pk, by)
    storage_names = [(photo.image.storage, photo.image.name), (photo.thumbnail.storage, photo.thumbnail.name)]
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in storage_names if name])
