"""Figures for a committee's dashboard: a fixed number of grouped queries, whatever the size."""

from collections import defaultdict

from django.db.models import Count, Q

from activities.models import Activity, ActivityKind, Attendance
from branches.models import Membership, Organization
from oversight.models import Topic
from pairings.models import Pairing, PairingParty

THREE_MEETINGS_ONE_LESSON = {
    ActivityKind.PARTY_CONGRESS, ActivityKind.BRANCH_COMMITTEE, ActivityKind.GROUP_MEETING, ActivityKind.PARTY_LESSON,
}


def kind_group(kind):
    if kind in THREE_MEETINGS_ONE_LESSON:
        return "meetings"
    if kind == ActivityKind.THEME_PARTY_DAY:
        return "theme_days"
    return "joint"


def dashboard_for(org, year):
    """Per branch below `org`: activities held this year by group, attendance, pairings, members."""
    subtree = Organization.objects.subtree_of(org)
    branches = list(subtree.filter(kind__in=[Organization.Kind.BRANCH, Organization.Kind.GENERAL_BRANCH]))
    branch_ids = [b.pk for b in branches]
    held = Activity.objects.filter(status=Activity.Status.HELD, starts_at__year=year)

    by_kind = defaultdict(lambda: defaultdict(int))
    for row in (held.filter(participants__in=branch_ids)
                .values("participants", "kind").annotate(n=Count("pk", distinct=True))):
        by_kind[row["participants"]][kind_group(row["kind"])] += row["n"]

    attendance = {
        row["activity__organizer"]: row
        for row in Attendance.objects.filter(activity__in=held, activity__organizer__in=branch_ids)
        .values("activity__organizer")
        .annotate(present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)), total=Count("pk"))
    }
    members = dict(
        Membership.objects.filter(organization__in=branch_ids).values("organization")
        .annotate(n=Count("user", distinct=True)).values_list("organization", "n")
    )
    pairings = dict(
        PairingParty.objects.filter(organization__in=branch_ids, pairing__in=Pairing.objects.active())
        .values("organization").annotate(n=Count("pairing", distinct=True)).values_list("organization", "n")
    )

    rows = []
    for branch in branches:
        groups = by_kind[branch.pk]
        att = attendance.get(branch.pk)
        rows.append({
            "org": branch,
            "meetings": groups["meetings"],
            "theme_days": groups["theme_days"],
            "joint": groups["joint"],
            "held": sum(groups.values()),
            "attendance_rate": round(100 * att["present"] / att["total"]) if att and att["total"] else None,
            "members": members.get(branch.pk, 0),
            "pairings": pairings.get(branch.pk, 0),
        })

    held_here = held.filter(Q(organizer__in=subtree) | Q(participants__in=subtree))
    kinds = dict(held_here.values("kind").annotate(n=Count("pk", distinct=True)).values_list("kind", "n"))
    totals = {
        "held": sum(kinds.values()),
        "joint": held_here.filter(pairing__isnull=False).values("pk").distinct().count(),
        "pairings": Pairing.objects.active().filter(parties__organization__in=subtree).values("pk").distinct().count(),
        "open_topics": Topic.objects.filter(community__in=subtree, status=Topic.Status.OPEN).count(),
    }
    by_kind_chart = [{"label": str(ActivityKind(kind).label), "value": n} for kind, n in sorted(kinds.items())]
    return {"rows": rows, "totals": totals, "kinds": by_kind_chart}
