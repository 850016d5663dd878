"""The permissions matrix: every role against organisations inside and outside its subtree."""

import pytest

from branches.permissions import Access, can, lowest_common_committee


def matrix(tree):
    p = tree.people
    return {
        # person: (manages, oversees, belongs to) for [committee, branch, group, other_branch, far_branch, external]
        "admin": (p.admin, [1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 0, 0], [1, 0, 0, 0, 0, 0]),
        "committee_member": (p.committee_member, [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 0, 0], [1, 0, 0, 0, 0, 0]),
        "secretary": (p.secretary, [0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0]),
        "deputy": (p.deputy, [0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0]),
        "member": (p.member, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0]),
        "group_member": (p.group_member, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0]),
        "other_secretary": (p.other_secretary, [0, 0, 0, 1, 0, 0], [0, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0]),
        "far_admin": (p.far_admin, [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0]),
        "outsider": (p.outsider, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
        "site_admin": (p.site_admin, [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]),
    }


@pytest.mark.parametrize("who", ["admin", "committee_member", "secretary", "deputy", "member", "group_member",
                                 "other_secretary", "far_admin", "outsider", "site_admin"])
def test_each_role_acts_only_within_its_subtree(tree, who):
    user, manages, oversees, belongs = matrix(tree)[who]
    orgs = [tree.committee, tree.branch, tree.group, tree.other_branch, tree.far_branch, tree.external]
    access = Access(user)
    assert [int(access.manages(o)) for o in orgs] == manages
    assert [int(access.oversees(o)) for o in orgs] == oversees
    assert [int(access.belongs_to(o)) for o in orgs][:5] == belongs[:5]


def test_far_admin_belongs_to_its_own_committee_only(tree):
    access = Access(tree.people.far_admin)
    assert access.belongs_to(tree.other_committee)
    assert not access.belongs_to(tree.committee)


def test_permission_checks_cost_one_query_however_many_objects(tree, django_assert_num_queries):
    orgs = list(tree.committee.__class__.objects.all())
    user = tree.people.admin
    with django_assert_num_queries(1):
        for org in orgs * 10:
            can(user, "organization.manage", org)
            can(user, "organization.view_members", org)


def test_anonymous_user_may_do_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "organization.view", tree.branch)


def test_lowest_common_committee_of_two_branches_is_their_committee(tree):
    assert lowest_common_committee([tree.branch, tree.other_branch]) == tree.committee
    assert lowest_common_committee([tree.group, tree.branch]) == tree.committee


def test_a_committee_contains_itself(tree):
    assert lowest_common_committee([tree.committee, tree.branch]) == tree.committee


def test_branches_under_different_roots_have_no_common_committee(tree):
    assert lowest_common_committee([tree.branch, tree.far_branch]) is None


def test_moving_an_organisation_moves_its_subtree(tree):
    tree.branch.parent = tree.other_committee
    tree.branch.save()
    tree.group.refresh_from_db()
    assert tree.group.is_within(tree.other_committee)
    assert not tree.group.is_within(tree.committee)
    assert Access(tree.people.far_admin).manages(tree.group)


def test_role_changes_are_logged(tree, caplog):
    membership = tree.people.member.memberships.get()
    membership.role = "secretary"
    with caplog.at_level("INFO", logger="portal.audit"):
        membership.save()
    assert f"membership changed user={tree.people.member.pk}" in caplog.text


def test_ordering_by_path_lists_the_tree_depth_first(db):
    from branches.models import Organization
    from tests.factories import CommitteeFactory, OrganizationFactory

    root = CommitteeFactory(name="党委")
    branches = [OrganizationFactory(name=f"支部{n:02d}", parent=root) for n in range(1, 12)]
    group = OrganizationFactory(name="支部01的党小组", parent=branches[0], kind="group")
    names = list(Organization.objects.subtree_of(root).values_list("name", flat=True))
    assert names == ["党委", "支部01", "支部01的党小组", *[b.name for b in branches[1:]]]
    assert group.ancestor_ids == [root.pk, branches[0].pk]
