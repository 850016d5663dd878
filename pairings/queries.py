"""Read-side helpers: which agreements a person sees, and which await their decision."""

from django.db.models import Prefetch, Q

from branches.models import Organization
from branches.permissions import access_for
from pairings.models import Pairing, PairingParty


def with_parties(queryset):
    return queryset.select_related("approver", "created_by").prefetch_related(
        Prefetch(
            "parties",
            queryset=PairingParty.objects.select_related("organization").order_by("role", "organization__path"),
        )
    )


def visible_pairings(user):
    """What `pairing.view` allows, as one filter: a party is the user's organisation or one of
    its ancestors, or lies in a subtree the user oversees; or the user drafted it or approves it."""
    access = access_for(user)
    if access.is_superuser:
        return Pairing.objects.all()
    overseen = Organization.objects.subtree_of(*access.overseen_roots).values("pk")
    party_filter = Q(organization_id__in=access.lineage_ids)
    if access.overseen_roots:
        party_filter |= Q(organization_id__in=overseen)
    visible_by_party = PairingParty.objects.filter(party_filter).values("pairing_id")
    return Pairing.objects.filter(
        Q(pk__in=visible_by_party) | Q(approver_id__in=access.admin_of_ids) | Q(created_by=user)
    )


def pairings_awaiting(user):
    """Agreements submitted to a committee the user administers, except their own submissions."""
    return (
        Pairing.objects.filter(status=Pairing.Status.SUBMITTED, approver_id__in=access_for(user).admin_of_ids)
        .exclude(submitted_by=user)
    )


def approval_queue_count(user):
    """The navigation badge: no query at all for people without an admin role."""
    if not access_for(user).admin_of_ids:
        return 0
    return pairings_awaiting(user).count()
