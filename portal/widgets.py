"""The rich-text editor of every form: CKEditor 5 with the portal's "default" configuration.

The widget is a plain textarea that the editor replaces in the browser and keeps up to date,
so a form posts the same field with or without JavaScript; the server sanitises what comes
(portal.richtext). Images go to portal.views.editor_image_upload (CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME).
"""

from django.utils.translation import get_language
from django_ckeditor_5.widgets import CKEditor5Widget

# The editor's own language codes; its zh-cn translation is loaded because the settings'
# configuration names it, and English is built in.
EDITOR_LANGUAGES = {"zh-hans": "zh-cn", "en": "en"}


class RichTextEditor(CKEditor5Widget):
    def __init__(self, attrs=None):
        super().__init__(config_name="default", attrs={"rows": 10, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        # The editor's buttons and menus speak the language of the page around them.
        self.config = {**self.config, "language": EDITOR_LANGUAGES.get(get_language(), "zh-cn")}
        return super().render(name, value, attrs, renderer)

    class Media:
        css = {"all": ["portal/richtext.css"]}
