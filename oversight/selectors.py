from django.db.models import Q

from branches.models import Organization
from branches.permissions import access_for
from oversight.models import Topic


def visible_topics(user):
    """Topics shared within a committee the user belongs to or oversees."""
    access = access_for(user)
    if access.is_superuser:
        return Topic.objects.all()
    return Topic.objects.filter(
        Q(community_id__in=access.lineage_ids) | Q(community__in=access.overseen_organizations())
    )


def organizations_user_speaks_for(user):
    """The internal organisations a user may raise a problem or reply for: their own."""
    access = access_for(user)
    return Organization.objects.filter(pk__in=[org.pk for org in access.member_orgs], is_external=False)
