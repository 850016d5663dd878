"""Reminders as due rows: find what is due, record it under a unique key, notify in the same transaction.

Each kind of reminder works out, for the current moment, which objects have a due moment
that has passed (the latest one only: an activity created 30 minutes before it starts gets
its 1-hour reminder, not also the 24-hour one) and have no ReminderCheck for it yet. The
queries that find them leave out the checked ones themselves, so that a run with nothing
new to do, which is most of them, costs a few index lookups.

A batch of due objects is then sent in one transaction: its checks are inserted with ON
CONFLICT DO NOTHING RETURNING (a run learns which checks are its own; a concurrent run
that inserted the same ones first has them, and this run leaves them alone), the
reminders of its own checks are inserted under the key (kind, object, due moment,
recipient), and one notification per reminder row is stored by INSERT ... SELECT from
those rows, with each message rendered once per object and language. Emails follow after
commit. A run that dies halfway has committed whole batches only: the objects of the
batch it was sending have no check, and the next run sends them. Nothing waits in between
to be delivered, so there is nothing to claim, lock or mark afterwards.
"""

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    CharField, DateTimeField, Exists, ExpressionWrapper, F, JSONField, OuterRef, Q, Subquery, Value,
)
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from activities.models import Activity, ActivityKind
from branches.models import SECRETARY_ROLES, Membership, Organization
from notifications.services import notify_selected
from pairings.models import Pairing, PairingParty
from reminders import compliance as compliance_service
from reminders.models import Period, Reminder, ReminderCheck, ReminderKind
from reminders.periods import days, local_moment, month_bounds, period_bounds

logger = logging.getLogger(__name__)


@dataclass
class Due:
    """An object whose reminder fell due at `due_at` and is pointless after `expires_at`."""

    object_id: int
    due_at: datetime
    expires_at: datetime
    data: dict = field(default_factory=dict)


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
        start, end = period_bounds(period, today)
        moments = {o: local_moment(end - days(o), settings.REMINDER_SEND_HOUR) for o in offsets}
        # An offset longer than the period would fall due before the period begins.
        latest = _latest_passed({o: moment for o, moment in moments.items() if moment >= local_moment(start)}, now)
        if latest and now < local_moment(end):
            periods_at[latest[1]].add(period.value)
            ends[latest[1]] = max(end, ends.get(latest[1], end))
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

    They are few: their due moments are worked out here, once per end date, against the
    latest check of each, read in the same query.
    """
    offsets = sorted(set(settings.REMINDER_PAIRING_OFFSETS_DAYS))
    if not offsets:
        return []
    today = timezone.localdate(now)
    last_checked = ReminderCheck.objects.filter(
        kind=ReminderKind.PAIRING_EXPIRY, object_id=OuterRef("pk")
    ).order_by("-due_at").values("due_at")[:1]
    rows = Pairing.objects.filter(
        status=Pairing.Status.APPROVED, end_date__gte=today, end_date__lte=today + days(offsets[-1])
    ).annotate(last_checked=Subquery(last_checked)).values_list("pk", "end_date", "last_checked").order_by()
    latest, dues = {}, []
    for pk, end_date, checked in rows:
        if end_date not in latest:
            latest[end_date] = _latest_passed(
                {o: local_moment(end_date - days(o), settings.REMINDER_SEND_HOUR) for o in offsets}, now
            )
        if latest[end_date] and (checked is None or checked < latest[end_date][1]):
            offset, due_at = latest[end_date]
            dues.append(Due(pk, due_at, local_moment(end_date + days(1)),
                            {"days": offset, "end_date": end_date.isoformat()}))
    return dues


# --- Who is to be reminded ------------------------------------------------------------------
# Each returns {object id: (user ids, data)} for a batch of dues, in a fixed number of queries.
# Upcoming activities have their own INSERT ... SELECT below: they are most of the rows.

def _active_members(org_ids, roles=None, with_groups=False):
    """{organisation id: [user ids]} of active people with a membership there, or, with
    `with_groups`, in one of its Party groups (as activities.queries.expected_memberships)."""
    org_ids = list(org_ids)
    reached = Q(organization_id__in=org_ids)
    if with_groups:
        reached |= Q(organization__kind=Organization.Kind.GROUP, organization__parent_id__in=org_ids)
    memberships = Membership.objects.filter(reached, user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    members, wanted = defaultdict(list), set(org_ids)
    for org_id, parent_id, user_id in memberships.values_list(
        "organization_id", "organization__parent_id", "user_id"
    ).order_by():
        members[org_id if org_id in wanted else parent_id].append(user_id)
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
    """A branch's members (its Party groups' too), unless a theme Party day is already planned
    or held that month."""
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
    members = _active_members(
        [due.object_id for due in dues if (due.object_id, due.data["date"]) not in covered], with_groups=True
    )
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


# --- Send: record the reminders of a batch and store their notifications -------------------

@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type
    find_due: object  # None: the database finds the due objects (see send_activity_reminders)
    recipients: object
    context: object  # (object, data) -> (context, url) of the message

    @property
    def template(self):
        return f"reminders/messages/{self.kind.value}"


def send_reminders(kind, now=None):
    """Send the reminders of one kind that are due at `now`; return how many were sent.

    What each beat task runs: safe at any time, any number of times, in any number of
    processes at once. Objects already checked at their due moment are not found again.
    """
    spec = SPECS[ReminderKind(kind)]
    now = now or timezone.now()
    if spec.find_due is None:
        sent = send_activity_reminders(now)
    else:
        sent = 0
        for batch in _batches(spec.find_due(now)):
            with transaction.atomic():
                sent += _send_batch(spec, batch, now)
    if sent:
        logger.info("reminders %s: %d sent", kind, sent)
    return sent


def _batches(dues):
    """Batches of one due moment each (so that an object appears once in a batch) and of at
    most the batch size, in a fixed order, so that two runs inserting the same keys wait for
    each other instead of deadlocking."""
    for _, group in sorted(_group_by(dues, lambda due: due.due_at).items()):
        yield from _chunks(sorted(group, key=lambda due: due.object_id), _batch_size())


def _send_batch(spec, batch, now):
    found = spec.recipients(batch)
    recipients = {due.object_id: found.get(due.object_id, ((), due.data)) for due in batch}
    checks = _insert_checks(spec.kind, [
        (due.object_id, due.due_at, due.expires_at, recipients[due.object_id][1]) for due in batch
    ], now)
    # An object nobody is to be reminded of (a branch that met its requirements) keeps its
    # check, so that the next run does not look at it again.
    checks = {pk: object_id for pk, object_id in checks.items() if recipients[object_id][0]}
    if not checks:
        return 0
    dues = {due.object_id: due for due in batch}
    _insert_rows(Reminder._meta.db_table, ["kind", "object_id", "recipient_id", "due_at", "expires_at", "sent_at"], [
        (spec.kind, object_id, user, dues[object_id].due_at, dues[object_id].expires_at, now)
        for object_id in sorted(checks.values()) for user in sorted(recipients[object_id][0])
    ])
    return _notify(spec, checks, {object_id: recipients[object_id][1] for object_id in checks.values()})


# Upcoming activities are most of the rows (every participant of every activity, twice), so
# their checks and reminders are made by the database, never as Python objects.

def send_activity_reminders(now):
    """Send the reminders of planned activities whose 24-hour (or 1-hour...) reminder is due.

    An activity starting within the smallest offset is due at that offset, one starting
    within the next offset at the next, and so on. A batch takes the unchecked activities of
    each window in turn: their checks are inserted by one INSERT ... SELECT per window,
    their reminders by another and the notifications by a third, in one transaction.
    """
    spec, sent, windows = SPECS[ReminderKind.UPCOMING_ACTIVITY], 0, []
    since = timedelta(0)
    for hours in sorted(set(settings.REMINDER_ACTIVITY_OFFSETS_HOURS)):
        windows.append((since, timedelta(hours=hours), {"hours": hours}))
        since = timedelta(hours=hours)
    while True:
        with transaction.atomic():
            checks, data = {}, {}
            for since, ahead, extra in windows:
                found = _insert_activity_checks(now, since, ahead, extra, _batch_size() - len(checks))
                checks.update(found)
                data.update((object_id, extra) for object_id in found.values())
                if len(checks) == _batch_size():
                    break
            if checks:
                _insert_participants(checks)
                sent += _notify(spec, checks, data)
        if len(checks) < _batch_size():
            return sent


def _insert_activity_checks(now, since, ahead, data, limit):
    """Check up to `limit` planned activities starting in (now + since, now + ahead] that have
    no check yet for the moment `ahead` before their start; return {check id: activity id}."""
    kind = ReminderKind.UPCOMING_ACTIVITY
    due_at = ExpressionWrapper(F("starts_at") - ahead, output_field=DateTimeField())
    due = Activity.objects.filter(
        status=Activity.Status.PLANNED, starts_at__gt=now + since, starts_at__lte=now + ahead
    ).exclude(
        _checked(kind, ExpressionWrapper(OuterRef("starts_at") - ahead, output_field=DateTimeField()))
    ).order_by("starts_at", "pk").values_list(
        Value(kind.value, output_field=CharField()), "pk", due_at, "starts_at",
        Value(data, output_field=JSONField()), Value(now, output_field=DateTimeField()),
    )[:limit]
    sql, params = due.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReminderCheck._meta.db_table} (kind, object_id, due_at, expires_at, data, checked_at) "
            f"{sql} ON CONFLICT DO NOTHING RETURNING id, object_id",
            params,
        )
        return dict(cursor.fetchall())


def _insert_participants(checks):
    """Insert the reminders of the activities just checked, straight from the people they
    expect: the members of every participating organisation and of the Party groups directly
    below it, as activities.queries.expected_memberships has it."""
    reminder, check = Reminder._meta.db_table, ReminderCheck._meta.db_table
    through, org = Activity.participants.through._meta.db_table, Organization._meta.db_table
    membership, user = Membership._meta.db_table, Membership.user.field.related_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {reminder} (kind, object_id, recipient_id, due_at, expires_at, sent_at)
                SELECT DISTINCT c.kind, c.object_id, m.user_id, c.due_at, c.expires_at, c.checked_at
                FROM {check} c
                JOIN {through} p ON p.activity_id = c.object_id
                JOIN {org} o ON o.id = p.organization_id OR (o.parent_id = p.organization_id AND o.kind = %s)
                JOIN {membership} m ON m.organization_id = o.id
                JOIN {user} u ON u.id = m.user_id
                WHERE c.id IN ({", ".join(["%s"] * len(checks))}) AND u.is_active
                ORDER BY c.object_id, c.due_at, m.user_id
                ON CONFLICT DO NOTHING""",
            [Organization.Kind.GROUP.value, *sorted(checks)],
        )


def _insert_checks(kind, rows, now):
    """Insert checks of (object id, due moment, expiry, data); return {check id: object id} of
    those this run inserted (a concurrent run may have inserted the others first)."""
    return dict(_insert_rows(
        ReminderCheck._meta.db_table, ["kind", "object_id", "due_at", "expires_at", "data", "checked_at"],
        [(kind, object_id, due_at, expires_at, json.dumps(data), now)
         for object_id, due_at, expires_at, data in rows],
        returning="id, object_id",
    ))


ROWS_PER_INSERT = 1000


def _insert_rows(table, columns, rows, returning=None):
    """INSERT ... ON CONFLICT DO NOTHING of plain values, a thousand rows a statement."""
    adapt = connection.ops.adapt_datetimefield_value
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    result = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start:start + ROWS_PER_INSERT]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([placeholders] * len(chunk))} "
                f"ON CONFLICT DO NOTHING" + (f" RETURNING {returning}" if returning else ""),
                [adapt(value) if isinstance(value, datetime) else value for row in chunk for value in row],
            )
            if returning:
                result += cursor.fetchall()
    return result


def _notify(spec, checks, data):
    """Store the notifications of the reminders this run inserted for `checks` ({check id:
    object id}), rendered once per object and language; `data` holds each object's extras."""
    objects = _objects(spec.model, set(checks.values()))
    messages = {
        check_id: (spec.template, *spec.context(objects[object_id], data[object_id]))
        for check_id, object_id in checks.items() if object_id in objects
    }
    # The rows of a check are inserted with it, in this transaction, and deleted with it.
    reminder, check = Reminder._meta.db_table, ReminderCheck._meta.db_table
    return notify_selected(
        f"""SELECT r.recipient_id, c.id FROM {check} c
            JOIN {reminder} r ON r.kind = c.kind AND r.object_id = c.object_id AND r.due_at = c.due_at
            WHERE c.id IN ({", ".join(["%s"] * len(checks))})""",
        sorted(checks),
        messages,
    )


def _objects(model, pks):
    # prefetch, not select_related: a join lets the planner hash every organisation.
    queryset = model.objects.prefetch_related("organizer") if model is Activity else model.objects
    return queryset.in_bulk(pks)


def _activity_context(activity, data):
    return {"activity": activity, "hours": data.get("hours")}, _url("activity_detail", activity.pk)


def _compliance_context(org, data):
    requirements = [
        {**item, "kind": ActivityKind(item["kind"]).label, "period": Period(item["period"]).label}
        for item in data.get("requirements", [])
    ]
    return {
        "organization": org, "requirements": requirements, "days_left": data["days_left"],
        "period_end": datetime.fromisoformat(data["period_end"]).date(),
    }, _url("organization_detail", org.pk)


def _theme_day_context(org, data):
    return {"organization": org, "date": datetime.fromisoformat(data["date"]).date()}, _url("organization_detail", org.pk)


def _pairing_context(pairing, data):
    return {
        "pairing": pairing, "end_date": datetime.fromisoformat(data["end_date"]).date(), "days": data["days"],
    }, _url("pairing_detail", pairing.pk)


SPECS = {
    ReminderKind.UPCOMING_ACTIVITY: KindSpec(ReminderKind.UPCOMING_ACTIVITY, Activity, None, None, _activity_context),
    ReminderKind.COMPLIANCE: KindSpec(
        ReminderKind.COMPLIANCE, Organization, due_compliance, compliance_recipients, _compliance_context
    ),
    ReminderKind.THEME_DAY: KindSpec(
        ReminderKind.THEME_DAY, Organization, due_theme_days, theme_day_recipients, _theme_day_context
    ),
    ReminderKind.PAIRING_EXPIRY: KindSpec(
        ReminderKind.PAIRING_EXPIRY, Pairing, due_pairings, pairing_recipients, _pairing_context
    ),
}


@transaction.atomic
def purge_old_reminders(now=None):
    """Forget reminders long past: their key can never be due again once they have expired.

    A check goes with its rows, in one transaction: sending relies on a new check having none.
    """
    cutoff = (now or timezone.now()) - days(settings.REMINDER_KEEP_DAYS)
    deleted, _ = Reminder.objects.filter(expires_at__lt=cutoff).delete()
    ReminderCheck.objects.filter(expires_at__lt=cutoff).delete()
    return deleted
