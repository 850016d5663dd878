"""Whether organisations hold what their requirement rules ask of them (三会一课 and the like).

`compliance_for(org)` answers for one organisation, `compliance_for_many(orgs)` for many in
one query per period kind; the organisation page's traffic light and the compliance
reminders both ask here.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from reminders.models import Period, RequirementRule
from reminders.periods import days, local_moment, period_bounds

GREEN, AMBER, RED = "green", "amber", "red"
LIGHT_LABELS = {
    GREEN: _("All requirements met"),
    AMBER: _("Not yet met, time left"),
    RED: _("Not met, the period ends soon"),
}
CHUNK = 2000


@dataclass
class RequirementStatus:
    rule: RequirementRule
    period_start: date
    period_end: date  # the last day of the period
    held: int
    planned: int  # planned from now until the period ends
    days_left: int  # days until the period ends, today included

    @property
    def required(self):
        return self.rule.minimum

    @property
    def met(self):
        return self.held >= self.required

    @property
    def light(self):
        if self.met:
            return GREEN
        warning_days = max(settings.REMINDER_COMPLIANCE_OFFSETS_DAYS or [0])
        if self.held + self.planned >= self.required or self.days_left > warning_days:
            return AMBER
        return RED

    def as_data(self):
        """What a reminder keeps of this status, in JSON."""
        return {
            "kind": self.rule.activity_kind, "period": self.rule.period, "held": self.held,
            "required": self.required, "planned": self.planned, "days_left": self.days_left,
            "period_end": self.period_end.isoformat(),
        }


def overall_light(statuses):
    lights = {status.light for status in statuses}
    return next((light for light in (RED, AMBER) if light in lights), GREEN)


def rules_by_org_kind(rules=None):
    by_kind = defaultdict(list)
    for rule in RequirementRule.objects.active() if rules is None else rules:
        by_kind[rule.organization_kind].append(rule)
    return by_kind


def compliance_for_many(orgs, *, period_containing=None, rules=None, now=None):
    """{org id: [RequirementStatus, ...]} for the periods containing the given day.

    Counts activities the organisation takes part in: held ones, and planned ones still
    ahead. One query per period kind (and per 2,000 organisations), whatever the number of
    organisations or rules.
    """
    now = now or timezone.now()
    day = period_containing or timezone.localdate(now)
    by_kind = rules_by_org_kind(rules)
    applicable = {org.pk: by_kind.get(org.kind, []) for org in orgs if not org.is_external}
    result = {org.pk: [] for org in orgs}
    for period in Period:
        wanted = {pk: [r for r in org_rules if r.period == period] for pk, org_rules in applicable.items()}
        wanted = {pk: org_rules for pk, org_rules in wanted.items() if org_rules}
        if not wanted:
            continue
        start, end = period_bounds(period, day)
        activity_kinds = {rule.activity_kind for org_rules in wanted.values() for rule in org_rules}
        counts = {}
        ids = sorted(wanted)
        for offset in range(0, len(ids), CHUNK):
            counts.update(_count_activities(ids[offset:offset + CHUNK], activity_kinds, start, end, now))
        days_left = max((end - day).days, 0)
        for pk, org_rules in wanted.items():
            for rule in org_rules:
                held, planned = counts.get((pk, rule.activity_kind), (0, 0))
                result[pk].append(RequirementStatus(rule, start, end - days(1), held, planned, days_left))
    for statuses in result.values():
        statuses.sort(key=lambda s: (s.met, list(Period).index(s.rule.period), s.rule.activity_kind))
    return result


def _count_activities(org_ids, activity_kinds, start, end, now):
    through = Activity.participants.through
    rows = (
        through.objects.filter(
            organization_id__in=org_ids,
            activity__kind__in=activity_kinds,
            activity__starts_at__gte=local_moment(start),
            activity__starts_at__lt=local_moment(end),
            activity__status__in=[Activity.Status.HELD, Activity.Status.PLANNED],
        )
        .values_list("organization_id", "activity__kind")
        .annotate(
            held=Count("pk", filter=Q(activity__status=Activity.Status.HELD)),
            planned=Count("pk", filter=Q(activity__status=Activity.Status.PLANNED, activity__starts_at__gte=now)),
        )
        .order_by()
    )
    return {(org_id, kind): (held, planned) for org_id, kind, held, planned in rows}


def compliance_for(org, *, period_containing=None, now=None):
    """[RequirementStatus, ...] of one organisation for the periods containing the given day."""
    return compliance_for_many([org], period_containing=period_containing, now=now)[org.pk]
