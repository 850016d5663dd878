from branches.permissions import rule


@rule("material.create")
def create_material(access, org=None):
    """Secretaries (and committee admins) publish for the organisations they manage (without
    an organisation: for some organisation)."""
    if org is None:
        return access.is_superuser or bool(access.managed_roots)
    return access.manages(org)


@rule("material.edit")
def edit_material(access, material):
    return access.manages(material.owner)


@rule("material.view_progress")
def view_progress(access, org):
    """Study progress of an organisation's members: for those who manage it, never public."""
    return access.manages(org)
