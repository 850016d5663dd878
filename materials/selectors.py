"""Who may see which material: every list, search, detail, download and feed asks here."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from branches.models import Membership, Organization
from branches.permissions import access_for
from materials.models import Material, StudyRecord
from pairings.models import Pairing, PairingParty


def _partner_org_ids(lineage_ids):
    """Subquery: parties of the active pairings that one of `lineage_ids` is a party to."""
    active = Pairing.objects.active().filter(parties__organization_id__in=lineage_ids)
    return PairingParty.objects.filter(pairing__in=active.values("pk")).values("organization_id")


def _shared_with(lineage_ids):
    """Published materials shared with a person in the organisations `lineage_ids`.

    The lineage holds the organisations that contain the person (their own and all above
    them), so "owner in lineage" means the person is in the owner's subtree, and a party of
    an active pairing that is in the lineage brings in the materials of every other party.
    """
    lineage_ids = list(lineage_ids)
    V = Material.Visibility
    return (
        Q(visibility=V.PORTAL)
        | Q(visibility__in=[V.SUBTREE, V.PARTNERS], owner_id__in=lineage_ids)
        | Q(visibility=V.PARTNERS, owner_id__in=_partner_org_ids(lineage_ids))
    )


def visible_materials(user):
    """The materials `user` may see, as one lazy queryset (no query is run here).

    Anonymous visitors see published public news only. A person with a membership sees
    what is shared with their organisations; those who oversee an organisation see all its
    published materials, and those who manage it its drafts too.
    """
    access = access_for(user)
    materials = Material.objects.all()
    if access.is_superuser:
        return materials
    live = Q(is_published=True, published_at__lte=timezone.now())
    condition = live & Q(is_public_news=True)
    if access.is_authenticated and access.memberships:
        condition |= live & (
            _shared_with(access.lineage_ids)
            | Q(owner__in=access.overseen_organizations().values("pk"))
        )
        if access.managed_roots:
            condition |= Q(owner__in=access.managed_organizations().values("pk"))
    return materials.filter(condition)


def materials_for_organization(org):
    """Published materials that every member of `org` sees (the base of study progress)."""
    return Material.objects.published().filter(_shared_with(org.lineage_ids) | Q(is_public_news=True))


def members_of(org):
    """Active people with a membership in `org` or below it."""
    from django.contrib.auth import get_user_model

    in_subtree = Membership.objects.filter(
        organization__in=Organization.objects.subtree_of(org).values("pk")
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=in_subtree, is_active=True)


def with_study_state(materials, user):
    """Annotate `studied` (whether `user` has studied each material) without a query per row."""
    return materials.annotate(
        studied=Exists(StudyRecord.objects.filter(material=OuterRef("pk"), user_id=user.pk))
    )


def public_news():
    """What anyone may read, signed in or not: the published public news."""
    return visible_materials(AnonymousUser())


def shown_in_public_news(url):
    """Whether published public news shows `url`, an editor image."""
    return public_news().filter(body__contains=url).exists()
