from branches.permissions import rule


@rule("organization.view")
def view_organization(access, org):
    return True


@rule("organization.view_members")
def view_members(access, org):
    return access.belongs_to(org) or access.oversees(org)


@rule("organization.manage")
def manage_organization(access, org):
    return access.manages(org)


@rule("organization.invite")
def invite_member(access, org):
    return not org.is_external and access.manages(org)
