"""Read-side questions about activities: who may see which, who is expected, what is mine.

Each answer is one query (or a queryset to compose), so that lists and pages do not grow
with the number of activities, organisations or people.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from activities.models import Activity
from branches.models import Membership, Organization
from branches.permissions import access_for


def visible_activities(user):
    """Activities the user may see: those of organisations they belong to or oversee, and of
    pairings those organisations are party to (see `activity.view` in rules.py)."""
    access = access_for(user)
    if not access.is_authenticated:
        return Activity.objects.none()
    if access.is_superuser:
        return Activity.objects.all()
    lineage = access.lineage_ids
    condition = (
        Q(organizer_id__in=lineage)
        | Q(participants__id__in=lineage)
        | Q(pairing__parties__organization_id__in=lineage)
    )
    for root in access.overseen_roots:
        condition |= Q(organizer__path__startswith=root.path) | Q(participants__path__startswith=root.path)
    # Visibility joins many rows; filter by id so callers may annotate without duplicates.
    return Activity.objects.filter(pk__in=Activity.objects.filter(condition).values("pk"))


def my_organization_ids(user):
    """Organisations whose activities expect this person: their own, and the branch above each
    of their Party groups (a group's member is a member of the branch)."""
    ids = set()
    for membership in access_for(user).memberships:
        org = membership.organization
        ids.add(org.pk)
        if org.kind == Organization.Kind.GROUP and org.parent_id:
            ids.add(org.parent_id)
    return ids


def involving(activities, org):
    """The activities that `org` organises or takes part in, without duplicates."""
    return activities.filter(
        Q(organizer=org)
        | Q(pk__in=Activity.participants.through.objects.filter(organization=org).values("activity_id"))
    )


def my_activities(user):
    """Activities that expect the user, as a queryset (for the calendar, the feed and home)."""
    ids = my_organization_ids(user)
    return Activity.objects.filter(pk__in=Activity.objects.filter(participants__id__in=ids).values("pk"))


def expected_memberships(activity):
    """The memberships that make people expected at the activity, in one query.

    Expected are the active members of every participating organisation and of the Party
    groups directly below them; for a Party group meeting (organised by the group) that is
    the group's members. A person may appear through several memberships.
    """
    participants = activity.participants.all().values("pk")
    return (
        Membership.objects.filter(user__is_active=True)
        .filter(
            Q(organization__in=participants)
            | Q(organization__kind=Organization.Kind.GROUP, organization__parent__in=participants)
        )
        .select_related("user", "organization")
        .order_by("user__name", "user__username", "organization__path")
    )


def expected_people(activity):
    """`[(user, [organisations through which they are expected]), ...]`, sorted by name."""
    people = {}
    for membership in expected_memberships(activity):
        entry = people.setdefault(membership.user_id, (membership.user, []))
        entry[1].append(membership.organization)
    return list(people.values())


def is_expected(activity, user):
    return expected_memberships(activity).filter(user=user).exists()


def active_users():
    return get_user_model().objects.filter(is_active=True)
