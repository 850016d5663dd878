from branches.permissions import rule


@rule("organization.view_compliance")
def view_compliance(access, org):
    """Members see how their own organisation is doing; secretaries and committees see below them."""
    return access.belongs_to(org) or access.oversees(org)
