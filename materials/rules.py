from branches.permissions import rule


@rule("material.create")
def create_material(access, org):
    """Secretaries (and committee admins) publish for the organisations they manage."""
    return access.manages(org)


@rule("material.edit")
def edit_material(access, material):
    return access.manages(material.owner)


@rule("material.view_progress")
def view_progress(access, org):
    """Study progress of an organisation's members: for those who manage it, never public."""
    return access.manages(org)
