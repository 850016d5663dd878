"""Time a month of reminders at scale, on a database of its own that is dropped afterwards.

    DATABASE_URL=postgres://... python manage.py bench_reminders [--people 20000 --activities 200000]

Creates `<database>_bench` next to the configured database (a temporary file for SQLite),
fills it with organisations, people, activities and agreements, then replays one month of
beat runs (every --step-minutes of simulated time; hourly runs produce exactly the
reminders that minutely runs do) and reports how long the scans and deliveries took.
Emails are timed separately with Django's dummy backend. Nothing here asserts a time.

The database is minutes old, and some servers run without autovacuum: the tables are
vacuumed and analysed after they are filled and once a simulated day, outside the timings,
as a live database's autovacuum would, so that the query plans are those of production.
Run it with DEBUG off (`make bench` does): DEBUG keeps a log of every query, which workers
do not.
"""

import random
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from activities.models import Activity, ActivityKind
from branches.models import Membership, Organization, Role, path_segment
from notifications import services as notification_services
from notifications.models import Notification
from pairings.models import Pairing, PairingParty
from reminders.models import Reminder, ReminderCheck, ReminderKind
from reminders.periods import local_moment, month_bounds
from reminders.services import send_reminders

BATCH = 5000


class Command(BaseCommand):
    help = "Generate a large portal in a throw-away database and time a month of reminders."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--activities", type=int, default=200_000)
        parser.add_argument("--span-days", type=int, default=365,
                            help="the activities are spread over this many days around the month")
        parser.add_argument("--step-minutes", type=int, default=60)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")

    def handle(self, *args, **options):
        self.out = lambda text="": self.stdout.write(text)
        creation = connection.creation
        original = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
        else:
            connection.settings_dict["TEST"]["NAME"] = f"{original}_bench"
        bench_db = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        self.out(f"Bench database: {bench_db} ({connection.vendor})")
        try:
            self.run_bench(options)
        finally:
            if options["keep"]:
                self.out(f"Kept {bench_db}.")
            else:
                creation.destroy_test_db(original, verbosity=0)
                self.out(f"Dropped {bench_db}.")

    def run_bench(self, options):
        rng = random.Random(options["seed"])
        month_start = month_bounds(timezone.localdate() + timedelta(days=31))[0]
        start = local_moment(month_start)
        end = start + timedelta(days=30)
        began = time.perf_counter()
        counts = generate(rng, options["people"], options["activities"], options["span_days"], start)
        analyze()
        self.out(f"Generated {counts} in {time.perf_counter() - began:.1f} s")
        if settings.DEBUG:
            self.out("DEBUG is on: its query log makes these timings pessimistic.")
        self.out(f"Month replayed: {start:%Y-%m-%d} to {end:%Y-%m-%d}, a run every {options['step_minutes']} min")

        queued_emails = []
        timings = defaultdict(float)
        tick_times = []
        with mock.patch("notifications.tasks.email_notifications.delay", queued_emails.append):
            now, analysed_on = start, None
            while now < end:
                if timezone.localdate(now) != analysed_on:  # untimed, as autovacuum would
                    analyze(Reminder, ReminderCheck, Notification)
                    analysed_on = timezone.localdate(now)
                tick_began = time.perf_counter()
                for kind in ReminderKind:
                    kind_began = time.perf_counter()
                    send_reminders(kind, now=now)
                    timings[kind] += time.perf_counter() - kind_began
                tick_times.append(time.perf_counter() - tick_began)
                now += timedelta(minutes=options["step_minutes"])
        total = sum(tick_times)

        sent = Counter(Reminder.objects.values_list("kind", flat=True))
        self.out("")
        self.out(f"{'kind':<20}{'sent':>10}{'seconds':>10}")
        for kind in ReminderKind:
            self.out(f"{kind.value:<20}{sent[kind.value]:>10}{timings[kind]:>10.1f}")
        self.out(f"{'all':<20}{sum(sent.values()):>10}{total:>10.1f}")
        self.out(f"{len(tick_times)} runs; slowest {max(tick_times) * 1000:.0f} ms, "
                 f"median {sorted(tick_times)[len(tick_times) // 2] * 1000:.0f} ms")
        self.out(f"Notifications stored: {Notification.objects.count()}")

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            email_began = time.perf_counter()
            emailed = sum(notification_services.send_notification_emails(chunk) for chunk in queued_emails)
            emailing = time.perf_counter() - email_began
            self.out(f"Emails: {emailed} handed to the (dummy) backend in {emailing:.1f} s")
        self.out(f"Reminders of the month, scans and in-app delivery: {total:.1f} s; with the emails: {total + emailing:.1f} s")


def analyze(*models):
    """Refresh the planner's statistics and, on PostgreSQL, the visibility map (of the given
    models' tables, or of all), as autovacuum does on a live database."""
    command = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        for model in models or [None]:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}" if model else command)


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def generate(rng, people, activities, span_days, month_start):
    """Committees of ~50 branches, branches of ~10 people with one group each, and activities."""
    n_branches = max(1, people // 10)
    n_committees = max(1, n_branches // 50)
    committees = _bulk(Organization, [
        Organization(name=f"bench-committee-{i}", kind=Organization.Kind.COMMITTEE) for i in range(n_committees)
    ])
    for org in committees:
        org.path = f"/{path_segment(org.pk)}/"
    Organization.objects.bulk_update(committees, ["path"], batch_size=BATCH)
    branches = _bulk(Organization, [
        Organization(name=f"bench-branch-{i}", kind=Organization.Kind.BRANCH, parent=committees[i % n_committees],
                     theme_day=i % 28 + 1)
        for i in range(n_branches)
    ])
    groups = _bulk(Organization, [
        Organization(name=f"bench-group-{i}", kind=Organization.Kind.GROUP, parent=branch)
        for i, branch in enumerate(branches)
    ])
    for org in [*branches, *groups]:
        org.path = f"{org.parent.path}{path_segment(org.pk)}/"
    Organization.objects.bulk_update([*branches, *groups], ["path"], batch_size=BATCH)

    User = get_user_model()
    users = _bulk(User, [
        User(username=f"bench{i}", name=f"党员{i}", email=f"bench{i}@example.com", password="!",
             language="en" if i % 5 == 0 else "zh-hans", email_notifications=i % 4 != 0)
        for i in range(people)
    ])
    roles = {0: Role.SECRETARY, 1: Role.DEPUTY_SECRETARY}
    memberships = []
    for i, user in enumerate(users):
        branch_index = i // 10 % n_branches
        memberships.append(Membership(user=user, organization=branches[branch_index], role=roles.get(i % 10, Role.MEMBER)))
        if 2 <= i % 10 <= 6:
            memberships.append(Membership(user=user, organization=groups[branch_index]))
    _bulk(Membership, memberships)

    kinds = [
        (ActivityKind.BRANCH_COMMITTEE, 30), (ActivityKind.GROUP_MEETING, 15), (ActivityKind.THEME_PARTY_DAY, 15),
        (ActivityKind.PARTY_LESSON, 10), (ActivityKind.PARTY_CONGRESS, 5), (ActivityKind.JOINT_STUDY, 15),
        (ActivityKind.OTHER, 10),
    ]
    population, weights = zip(*kinds)
    first_day = month_start - timedelta(days=span_days // 2)
    through = Activity.participants.through
    for offset in range(0, activities, BATCH):
        rows, participants = [], []
        for _ in range(min(BATCH, activities - offset)):
            branch_index = rng.randrange(n_branches)
            kind = rng.choices(population, weights)[0]
            starts_at = first_day + timedelta(days=rng.randrange(span_days), hours=rng.randrange(8, 19),
                                              minutes=rng.choice((0, 30)))
            if starts_at < month_start:
                status = rng.choices(["held", "cancelled", "planned"], [90, 5, 5])[0]
            else:
                status = rng.choices(["planned", "cancelled"], [95, 5])[0]
            if kind == ActivityKind.GROUP_MEETING:
                orgs = [groups[branch_index]]
            elif kind == ActivityKind.JOINT_STUDY:
                orgs = [branches[i] for i in {branch_index, *rng.sample(range(n_branches), rng.randint(1, 2))}]
            else:
                orgs = [branches[branch_index]]
            rows.append(Activity(title=f"bench activity {offset + len(rows)}", kind=kind, organizer=orgs[0],
                                 starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), status=status))
            participants.append(orgs)
        created = _bulk(Activity, rows)
        _bulk(through, [through(activity_id=a.pk, organization_id=org.pk)
                        for a, orgs in zip(created, participants) for org in orgs])

    pairings = _bulk(Pairing, [
        Pairing(title=f"bench pairing {i}", status=Pairing.Status.APPROVED,
                start_date=(month_start - timedelta(days=300)).date(),
                end_date=(month_start + timedelta(days=rng.randrange(60))).date())
        for i in range(n_branches // 4)
    ])
    _bulk(PairingParty, [
        PairingParty(pairing=pairing, organization=org)
        for pairing in pairings for org in rng.sample(branches, min(2, n_branches))
    ])
    return {"people": people, "organisations": n_committees + 2 * n_branches, "activities": activities,
            "agreements": len(pairings)}
