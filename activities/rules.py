"""Who may do what with an activity (see branches/permissions.py for `Access`).

The checks read the activity's participants and its pairing's parties; views that ask them
prefetch `participants` and `pairing__parties__organization` so a check costs no query.
"""

from branches.permissions import rule


def _pairing_parties(activity):
    if activity.pairing_id is None:
        return []
    return [party.organization for party in activity.pairing.parties.all()]


@rule("activity.plan")
def plan_activity(access, org):
    """Plan an activity for `org`, or (with no org) for any organisation the user manages."""
    if org is None:
        return access.is_superuser or bool(access.managed_roots)
    return not org.is_external and access.manages(org)


@rule("activity.view")
def view_activity(access, activity):
    if access.is_superuser:
        return True
    orgs = [activity.organizer, *activity.participants.all()]
    if any(access.belongs_to(org) or access.oversees(org) for org in orgs):
        return True
    return any(access.belongs_to(org) for org in _pairing_parties(activity))


@rule("activity.manage")
def manage_activity(access, activity):
    """Edit, hold, cancel, write minutes, upload photos: the organiser's managers."""
    return access.manages(activity.organizer)


@rule("activity.take_attendance")
def take_attendance(access, activity):
    """The organiser's managers for everyone; a participating organisation's managers for their own."""
    if activity.status == activity.Status.CANCELLED:
        return False
    return access.manages(activity.organizer) or any(
        access.manages(org) for org in activity.participants.all()
    )


def attendance_scope(access, activity, expected):
    """The part of `expected` (from `queries.expected_people`) whose attendance the user may record."""
    if access.manages(activity.organizer):
        return expected
    return [
        (user, orgs) for user, orgs in expected
        if any(access.manages(org) for org in orgs)
    ]

