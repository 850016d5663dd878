"""Who may use the portal's shared tools."""

from branches.permissions import rule


@rule("editor.upload_image")
def upload_editor_image(access, _obj=None):
    """The rich-text editor's image upload: those who write agreements, minutes or materials,
    that is, who manage some organisation."""
    return access.is_superuser or bool(access.managed_roots)
