"""Every "may this user do X to this object" in one place.

Authority follows the organisation tree (DESIGN.md, "Who uses it"): a committee admin acts
on every organisation below the committee, a secretary on their own branch, a member sees
what is shared with an organisation they belong to. `Access` reads a user's memberships
once per request; the checks then compare materialised paths, so no check costs a query
per tree level or per object.

Feature apps register their own rules with `@rule("pairing.approve")` in a `rules`
module built on `Access`; views call `require()`, templates `{% can %}`.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from branches.models import Membership, Organization, Role

_RULES: dict[str, Callable[["Access", object], bool]] = {}


class Access:
    def __init__(self, user):
        self.user = user
        self.is_authenticated = bool(user and user.is_authenticated and user.is_active)
        self.is_superuser = self.is_authenticated and user.is_superuser
        self.memberships = (
            list(Membership.objects.filter(user=user).select_related("organization"))
            if self.is_authenticated
            else []
        )

    def _orgs_with(self, test):
        return [m.organization for m in self.memberships if test(Role(m.role))]

    @property
    def member_orgs(self):
        """Organisations the user is directly a member of, in any role."""
        return [m.organization for m in self.memberships]

    @property
    def managed_roots(self):
        return self._orgs_with(lambda role: role.manages)

    @property
    def overseen_roots(self):
        return self._orgs_with(lambda role: role.oversees)

    @property
    def lineage_ids(self):
        """Ids of the organisations that contain the user: their own and all above them."""
        return {pk for org in self.member_orgs for pk in org.lineage_ids}

    def role_at(self, org):
        return next((Role(m.role) for m in self.memberships if m.organization_id == org.pk), None)

    def belongs_to(self, org):
        """A member of the organisation or of one below it (a group's member is in the branch)."""
        return any(own.is_within(org) for own in self.member_orgs)

    def manages(self, org):
        return self.is_superuser or any(org.is_within(root) for root in self.managed_roots)

    def oversees(self, org):
        return self.is_superuser or any(org.is_within(root) for root in self.overseen_roots)

    @property
    def admin_of_ids(self):
        """Ids of the committees the user administers."""
        return {m.organization_id for m in self.memberships if m.role == Role.ADMIN}

    def is_admin_of(self, committee):
        return committee.pk in self.admin_of_ids

    def managed_organizations(self):
        if self.is_superuser:
            return Organization.objects.all()
        return Organization.objects.subtree_of(*self.managed_roots)

    def overseen_organizations(self):
        if self.is_superuser:
            return Organization.objects.all()
        return Organization.objects.subtree_of(*self.overseen_roots)


def access_for(user) -> Access:
    """The user's Access, built once and kept on the user object for the request."""
    access = getattr(user, "_portal_access", None)
    if access is None:
        access = Access(user)
        if user is not None:
            user._portal_access = access
    return access


def rule(name):
    def register(check):
        _RULES[name] = check
        return check

    return register


def can(user, permission, obj=None) -> bool:
    access = access_for(user)
    if not access.is_authenticated:
        return False
    return bool(_RULES[permission](access, obj))


def require(user, permission, obj=None):
    if not can(user, permission, obj):
        raise PermissionDenied


def lowest_common_committee(orgs):
    """The lowest committee containing every given organisation (a committee contains itself)."""
    lineages = [org.lineage_ids for org in orgs]
    if not lineages:
        return None
    common = []
    for ids in zip(*lineages):
        if len(set(ids)) != 1:
            break
        common.append(ids[0])
    committees = Organization.objects.filter(pk__in=common, kind=Organization.Kind.COMMITTEE)
    return max(committees, key=lambda org: org.depth, default=None)
