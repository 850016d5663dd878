"""Reminders as due rows: scan what is due, insert it under a unique key, deliver what is unsent.

Each kind of reminder has a *scan* that works out, for the current moment, which objects
have a due moment that has passed (the latest one only: an activity created 30 minutes
before it starts gets its 1-hour reminder, not also the 24-hour one) and who is to be
reminded, with a few set-based queries per batch of objects. Rows are inserted with ON
CONFLICT DO NOTHING on the key (kind, object, due moment, recipient), and a ReminderCheck
row notes that the object was handled at that due moment. The queries that find due
objects leave out the checked ones themselves, so that a scan with nothing new to do,
which is most of them, costs a few index lookups.

*Delivery* takes unsent rows in batches, locked with SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL (SQLite serialises writers instead), stores the notifications and marks the
rows sent in the same transaction; emails follow after commit. A run that dies halfway
has committed whole batches only, and the next run sends the rest; a second worker or
beat at the same time takes other rows or finds nothing left.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, Exists, ExpressionWrapper, F, JSONField, OuterRef, Value
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from activities.models import Activity, ActivityKind
from branches.models import Membership, Organization, Role
from notifications.services import Message, notify_many
from pairings.models import Pairing, PairingParty
from reminders import compliance as compliance_service
from reminders.models import Period, Reminder, ReminderCheck, ReminderKind
from reminders.periods import days, local_moment, month_bounds, period_bounds

logger = logging.getLogger(__name__)

SECRETARY_ROLES = [Role.SECRETARY, Role.DEPUTY_SECRETARY]


@dataclass
class Due:
    """An object whose reminder fell due at `due_at` and is pointless after `expires_at`."""

    object_id: int
    due_at: datetime
    expires_at: datetime
    data: dict = field(default_factory=dict)


@dataclass
class Outcome:
    queued: int = 0
    sent: int = 0
    skipped: int = 0

    def __iadd__(self, other):
        self.queued += other.queued
        self.sent += other.sent
        self.skipped += other.skipped
        return self


def _batch_size():
    return settings.REMINDER_BATCH_SIZE


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _latest_passed(moments, now):
    """The latest of {offset: due moment} that is not in the future, as (offset, moment)."""
    passed = [(moment, offset) for offset, moment in moments.items() if moment <= now]
    if not passed:
        return None
    moment, offset = max(passed)
    return offset, moment


def _url(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


# --- Which objects are due now, and not yet checked -----------------------------------------

def _checked(kind, due_at):
    """Whether the outer query's object was checked at `due_at` (a moment, or an expression of the outer row)."""
    return Exists(ReminderCheck.objects.filter(kind=kind, object_id=OuterRef("pk"), due_at=due_at))


def due_compliance(now, rules=None):
    """Organisations whose period ends within the reminder offsets, with the periods concerned."""
    offsets = sorted(set(settings.REMINDER_COMPLIANCE_OFFSETS_DAYS))
    rules_by_kind = compliance_service.rules_by_org_kind(rules)
    if not offsets or not rules_by_kind:
        return []
    today = timezone.localdate(now)
    periods_at = defaultdict(set)  # due moment -> periods whose current stage it is
    ends = {}
    for period in Period:
        _, end = period_bounds(period, today)
        latest = _latest_passed({o: local_moment(end - days(o), settings.REMINDER_SEND_HOUR) for o in offsets}, now)
        if latest and now < local_moment(end):
            periods_at[latest[1]].add(period.value)
            ends[latest[1]] = end
    dues = []
    for due_at, periods in periods_at.items():
        org_kinds = [kind for kind, rules in rules_by_kind.items() if any(r.period in periods for r in rules)]
        org_ids = Organization.objects.filter(is_external=False, kind__in=org_kinds).exclude(
            _checked(ReminderKind.COMPLIANCE, due_at)
        ).values_list("pk", flat=True)
        data, expires_at = {"periods": sorted(periods)}, local_moment(ends[due_at])
        dues += [Due(pk, due_at, expires_at, data) for pk in org_ids.order_by()]
    return dues


def due_theme_days(now):
    """Branches whose fixed theme Party day comes within the offsets (by default: tomorrow)."""
    offsets = sorted(set(settings.REMINDER_THEME_DAY_OFFSETS_DAYS))
    if not offsets:
        return []
    today = timezone.localdate(now)
    dues = []
    for ahead in range(1, offsets[-1] + 1):
        theme_date = today + days(ahead)
        latest = _latest_passed(
            {o: local_moment(theme_date - days(o), settings.REMINDER_SEND_HOUR) for o in offsets}, now
        )
        if not latest:
            continue
        org_ids = Organization.objects.filter(is_external=False, theme_day=theme_date.day).exclude(
            _checked(ReminderKind.THEME_DAY, latest[1])
        ).values_list("pk", flat=True)
        data, expires_at = {"date": theme_date.isoformat()}, local_moment(theme_date)
        dues += [Due(pk, latest[1], expires_at, data) for pk in org_ids.order_by()]
    return dues


def due_pairings(now):
    """Approved agreements whose end date comes within the offsets (by default 30 and 7 days).

    They are few: their due moments are worked out here, and the checked ones left out by
    one more query.
    """
    offsets = sorted(set(settings.REMINDER_PAIRING_OFFSETS_DAYS))
    if not offsets:
        return []
    today = timezone.localdate(now)
    rows = Pairing.objects.filter(
        status=Pairing.Status.APPROVED, end_date__gte=today, end_date__lte=today + days(offsets[-1])
    ).values_list("pk", "end_date").order_by()
    dues = []
    for pk, end_date in rows:
        latest = _latest_passed({o: local_moment(end_date - days(o), settings.REMINDER_SEND_HOUR) for o in offsets}, now)
        if latest:
            dues.append(Due(pk, latest[1], local_moment(end_date + days(1)),
                            {"days": latest[0], "end_date": end_date.isoformat()}))
    checked = set(ReminderCheck.objects.filter(
        kind=ReminderKind.PAIRING_EXPIRY, object_id__in=[due.object_id for due in dues]
    ).values_list("object_id", "due_at"))
    return [due for due in dues if (due.object_id, due.due_at) not in checked]


# --- Who is to be reminded ------------------------------------------------------------------
# Each returns {object id: (user ids, data)} for a batch of dues, in a fixed number of queries.
# Upcoming activities have their own INSERT ... SELECT below: they are most of the rows.

def _active_members(org_ids, roles=None):
    """{organisation id: [user ids]} of active people with a membership there."""
    memberships = Membership.objects.filter(organization_id__in=org_ids, user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    members = defaultdict(list)
    for org_id, user_id in memberships.values_list("organization_id", "user_id").order_by():
        members[org_id].append(user_id)
    return members


def compliance_recipients(dues, rules=None):
    """Secretaries of organisations with unmet requirements; a group's go to its branch too."""
    orgs = Organization.objects.in_bulk([due.object_id for due in dues])
    result = {}
    for due_at, group in _group_by(dues, lambda due: due.due_at).items():
        group_orgs = [orgs[due.object_id] for due in group if due.object_id in orgs]
        day = timezone.localdate(due_at)
        periods = set(group[0].data["periods"])
        statuses = compliance_service.compliance_for_many(group_orgs, period_containing=day, rules=rules, now=due_at)
        unmet = {
            org.pk: [s for s in statuses[org.pk] if s.rule.period in periods and not s.met]
            for org in group_orgs
        }
        unmet = {pk: items for pk, items in unmet.items() if items}
        secretaries = _active_members(
            {pk for pk in unmet} | {orgs[pk].parent_id for pk in unmet
                                    if orgs[pk].kind == Organization.Kind.GROUP and orgs[pk].parent_id},
            roles=SECRETARY_ROLES,
        )
        for due in group:
            items = unmet.get(due.object_id)
            if not items:
                result[due.object_id] = (set(), due.data)
                continue
            org = orgs[due.object_id]
            users = set(secretaries[org.pk])
            if org.kind == Organization.Kind.GROUP and org.parent_id:
                users |= set(secretaries[org.parent_id])
            result[due.object_id] = (users, {
                **due.data, "period_end": max(s.period_end for s in items).isoformat(),
                "days_left": items[0].days_left, "requirements": [s.as_data() for s in items],
            })
    return result


def theme_day_recipients(dues):
    """A branch's members, unless a theme Party day is already planned or held that month."""
    through = Activity.participants.through
    covered = set()
    for theme_date, group in _group_by(dues, lambda due: due.data["date"]).items():
        start, end = month_bounds(datetime.fromisoformat(theme_date).date())
        covered |= {
            (org_id, theme_date) for org_id in through.objects.filter(
                organization_id__in=[due.object_id for due in group],
                activity__kind=ActivityKind.THEME_PARTY_DAY,
                activity__status__in=[Activity.Status.PLANNED, Activity.Status.HELD],
                activity__starts_at__gte=local_moment(start), activity__starts_at__lt=local_moment(end),
            ).values_list("organization_id", flat=True)
        }
    members = _active_members([due.object_id for due in dues if (due.object_id, due.data["date"]) not in covered])
    return {due.object_id: (set(members.get(due.object_id, [])), due.data) for due in dues}


def pairing_recipients(dues):
    """The secretaries and deputies of every party."""
    parties = defaultdict(list)
    for pairing_id, org_id in PairingParty.objects.filter(
        pairing_id__in=[due.object_id for due in dues]
    ).values_list("pairing_id", "organization_id").order_by():
        parties[pairing_id].append(org_id)
    secretaries = _active_members({org for orgs in parties.values() for org in orgs}, roles=SECRETARY_ROLES)
    return {
        due.object_id: ({user for org in parties[due.object_id] for user in secretaries[org]}, due.data)
        for due in dues
    }


def _group_by(items, key):
    groups = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


# --- Scan: insert due rows ------------------------------------------------------------------

@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type
    find_due: object  # None: the database finds the due objects (see scan_activities)
    recipients: object
    template: str


# Upcoming activities are most of the rows (every participant of every activity, twice), so
# their checks and reminders are made by the database, never as Python objects.

def scan_activities(now):
    """Insert the reminders of planned activities whose 24-hour (or 1-hour...) reminder is due.

    An activity starting within the smallest offset is due at that offset, one starting
    within the next offset at the next, and so on: per offset, the checks of a batch of
    activities are inserted by one INSERT ... SELECT, and then their reminders by another.
    """
    inserted, since = 0, timedelta(0)
    for hours in sorted(set(settings.REMINDER_ACTIVITY_OFFSETS_HOURS)):
        ahead = timedelta(hours=hours)
        while True:
            with transaction.atomic():
                object_ids = _insert_activity_checks(now, since, ahead, {"hours": hours})
                if object_ids:
                    inserted += _insert_participants(ReminderKind.UPCOMING_ACTIVITY, object_ids, now)
            if len(object_ids) < _batch_size():
                break
        since = ahead
    return inserted


def _insert_activity_checks(now, since, ahead, data):
    """Check a batch of planned activities starting in (now + since, now + ahead] that have no
    check yet for the moment `ahead` before their start; return their ids."""
    kind = ReminderKind.UPCOMING_ACTIVITY
    due_at = ExpressionWrapper(F("starts_at") - ahead, output_field=DateTimeField())
    due = Activity.objects.filter(
        status=Activity.Status.PLANNED, starts_at__gt=now + since, starts_at__lte=now + ahead
    ).exclude(
        _checked(kind, ExpressionWrapper(OuterRef("starts_at") - ahead, output_field=DateTimeField()))
    ).order_by("starts_at", "pk").values_list(
        Value(kind.value, output_field=CharField()), "pk", due_at, "starts_at",
        Value(data, output_field=JSONField()), Value(now, output_field=DateTimeField()),
    )[:_batch_size()]
    sql, params = due.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReminderCheck._meta.db_table} (kind, object_id, due_at, expires_at, data, checked_at) "
            f"{sql} ON CONFLICT DO NOTHING RETURNING object_id",
            params,
        )
        return sorted(object_id for object_id, in cursor.fetchall())


def _insert_participants(kind, object_ids, now):
    """Insert the reminders of the activities just checked, straight from their participants.

    Only checks written by this run (`checked_at = now`) are expanded; a check another run
    wrote first is that run's to expand.
    """
    reminder, check = Reminder._meta.db_table, ReminderCheck._meta.db_table
    through = Activity.participants.through._meta.db_table
    membership, user = Membership._meta.db_table, Membership.user.field.related_model._meta.db_table
    placeholders = ", ".join(["%s"] * len(object_ids))
    sql = f"""
        INSERT INTO {reminder} (kind, object_id, recipient_id, due_at, expires_at, created_at, skipped)
        SELECT DISTINCT c.kind, c.object_id, m.user_id, c.due_at, c.expires_at, c.checked_at, %s
        FROM {check} c
        JOIN {through} p ON p.activity_id = c.object_id
        JOIN {membership} m ON m.organization_id = p.organization_id
        JOIN {user} u ON u.id = m.user_id
        WHERE c.kind = %s AND c.checked_at = %s AND c.object_id IN ({placeholders})
          AND u.is_active
        ORDER BY c.object_id, c.due_at, m.user_id
        ON CONFLICT DO NOTHING
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [False, kind, connection.ops.adapt_datetimefield_value(now), *object_ids])
        return max(cursor.rowcount, 0)


SPECS = {
    ReminderKind.UPCOMING_ACTIVITY: KindSpec(
        ReminderKind.UPCOMING_ACTIVITY, Activity, None, None, "reminders/messages/upcoming_activity"
    ),
    ReminderKind.COMPLIANCE: KindSpec(
        ReminderKind.COMPLIANCE, Organization, due_compliance, compliance_recipients, "reminders/messages/compliance"
    ),
    ReminderKind.THEME_DAY: KindSpec(
        ReminderKind.THEME_DAY, Organization, due_theme_days, theme_day_recipients, "reminders/messages/theme_day"
    ),
    ReminderKind.PAIRING_EXPIRY: KindSpec(
        ReminderKind.PAIRING_EXPIRY, Pairing, due_pairings, pairing_recipients, "reminders/messages/pairing_expiry"
    ),
}


def scan(kind, now=None):
    """Insert the reminders of one kind that are due at `now`; return how many rows were inserted.

    Objects already checked at the same due moment are not found again; rows that exist
    already (a concurrent run) are left as they are.
    """
    spec = SPECS[ReminderKind(kind)]
    now = now or timezone.now()
    if spec.find_due is None:
        return scan_activities(now)
    inserted = 0
    for batch in _chunks(spec.find_due(now), _batch_size()):
        inserted += _insert_batch(spec, batch, now)
    return inserted


def _insert_batch(spec, batch, now):
    recipients = spec.recipients(batch)
    checks, rows = [], []
    for due in batch:
        users, data = recipients.get(due.object_id, ((), due.data))
        checks.append(ReminderCheck(kind=spec.kind, object_id=due.object_id,
                                    due_at=due.due_at, expires_at=due.expires_at, data=data, checked_at=now))
        rows += [
            Reminder(kind=spec.kind, object_id=due.object_id, recipient_id=user,
                     due_at=due.due_at, expires_at=due.expires_at, created_at=now)
            for user in users
        ]
    # A fixed order, so that two runs inserting the same keys wait for each other
    # instead of deadlocking.
    checks.sort(key=lambda c: (c.object_id, c.due_at))
    rows.sort(key=lambda r: (r.object_id, r.due_at, r.recipient_id))
    with transaction.atomic():
        ReminderCheck.objects.bulk_create(checks, batch_size=1000, ignore_conflicts=True)
        Reminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


# --- Deliver: turn unsent rows into notifications -------------------------------------------

@dataclass(frozen=True)
class Recipient:
    """What delivery needs of a person, read with the row instead of as a User object."""

    pk: int
    language: str
    is_active: bool
    email: str
    email_notifications: bool


ROW_FIELDS = ["pk", "kind", "object_id", "due_at", "expires_at", "recipient_id", "recipient__language",
              "recipient__is_active", "recipient__email", "recipient__email_notifications"]


def deliver(kind=None, now=None):
    """Send every unsent reminder that is due, batch by batch; return an Outcome."""
    now = now or timezone.now()
    outcome = Outcome()
    pending = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now)
    if kind:
        pending = pending.filter(kind=kind)
    if not pending.exists():  # the usual case: one cheap query instead of a transaction
        return outcome
    while True:
        with transaction.atomic():
            batch = list(
                pending.select_for_update(skip_locked=True, of=("self",))
                .order_by("due_at", "pk").values_list(*ROW_FIELDS)[:_batch_size()]
            )
            if not batch:
                return outcome
            outcome += _deliver_batch(batch, now)


def _deliver_batch(batch, now):
    """Store the notifications of a batch of locked rows and mark the rows handled."""
    groups = _group_by(batch, lambda row: (row[1], row[2], row[3]))  # kind, object, due moment
    objects, events = {}, {}
    for kind, keys in _group_by(groups, lambda key: key[0]).items():
        spec = SPECS[ReminderKind(kind)]
        queryset = spec.model.objects.select_related("organizer") if spec.model is Activity else spec.model.objects
        objects[kind] = queryset.in_bulk({object_id for _, object_id, _ in keys})
        moments = [due_at for _, _, due_at in keys]
        events.update(
            ((kind, object_id, due_at), data) for object_id, due_at, data in ReminderCheck.objects.filter(
                kind=kind, object_id__in={object_id for _, object_id, _ in keys},
                due_at__gte=min(moments), due_at__lte=max(moments),
            ).values_list("object_id", "due_at", "data")
        )
    messages, sent, skipped = [], [], []
    for (kind, object_id, due_at), rows in groups.items():
        spec = SPECS[ReminderKind(kind)]
        obj = objects[kind].get(object_id)
        expires_at = rows[0][4]
        data = events.get((kind, object_id, due_at), {})
        prepared = _CONTEXTS[spec.kind](obj, expires_at, data) if obj is not None and expires_at > now else None
        recipients = [Recipient(row[5], *row[6:]) for row in rows]
        if prepared is None:
            skipped += [row[0] for row in rows]
            continue
        skipped += [row[0] for row, person in zip(rows, recipients) if not person.is_active]
        sent += [row[0] for row, person in zip(rows, recipients) if person.is_active]
        context, url = prepared
        messages.append(Message([person for person in recipients if person.is_active], spec.template, context, url))
    notify_many(messages)
    if sent:
        Reminder.objects.filter(pk__in=sent).update(sent_at=now)
    if skipped:
        Reminder.objects.filter(pk__in=skipped).update(sent_at=now, skipped=True)
    return Outcome(sent=len(sent), skipped=len(skipped))


def _activity_context(activity, expires_at, data):
    # Cancelled, held or moved since the row was made: this reminder no longer fits.
    if activity.status != Activity.Status.PLANNED or activity.starts_at != expires_at:
        return None
    return {"activity": activity, "hours": data.get("hours")}, _url("activity_detail", activity.pk)


def _compliance_context(org, expires_at, data):
    requirements = [
        {**item, "kind": ActivityKind(item["kind"]).label, "period": Period(item["period"]).label}
        for item in data.get("requirements", [])
    ]
    if not requirements:
        return None
    return {
        "organization": org, "requirements": requirements, "days_left": data["days_left"],
        "period_end": datetime.fromisoformat(data["period_end"]).date(),
    }, _url("organization_detail", org.pk)


def _theme_day_context(org, expires_at, data):
    theme_date = datetime.fromisoformat(data["date"]).date()
    if org.theme_day != theme_date.day:
        return None
    return {"organization": org, "date": theme_date}, _url("organization_detail", org.pk)


def _pairing_context(pairing, expires_at, data):
    end_date = datetime.fromisoformat(data["end_date"]).date()
    if pairing.status != Pairing.Status.APPROVED or pairing.end_date != end_date:
        return None
    return {"pairing": pairing, "end_date": end_date, "days": data["days"]}, _url("pairing_detail", pairing.pk)


_CONTEXTS = {
    ReminderKind.UPCOMING_ACTIVITY: _activity_context,
    ReminderKind.COMPLIANCE: _compliance_context,
    ReminderKind.THEME_DAY: _theme_day_context,
    ReminderKind.PAIRING_EXPIRY: _pairing_context,
}


def send_reminders(kind, now=None):
    """Scan and deliver one kind: what each beat task runs. Safe to run at any time, any number of times."""
    now = now or timezone.now()
    queued = scan(kind, now)
    outcome = deliver(kind, now)
    outcome.queued = queued
    if outcome.sent or outcome.skipped:
        logger.info("reminders %s: %d sent, %d skipped", kind, outcome.sent, outcome.skipped)
    return outcome


def purge_old_reminders(now=None):
    """Forget reminders long past: their key can never be due again once they have expired."""
    cutoff = (now or timezone.now()) - days(settings.REMINDER_KEEP_DAYS)
    deleted, _ = Reminder.objects.filter(expires_at__lt=cutoff).delete()
    ReminderCheck.objects.filter(expires_at__lt=cutoff).delete()
    return deleted
