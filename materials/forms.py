import os

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from materials.models import Material, Topic
from portal.images import reencode_image
from portal.richtext import sanitize_html
from portal.uploads import validate_upload
from portal.widgets import RichTextEditor

ATTACHMENT_TYPES = {"pdf", "docx", "pptx", "xlsx"}
COVER_MAX_SIDE = 1600


class MaterialForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attachment"), required=False,
        help_text=_("PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.pptx,.xlsx"}),
    )
    external_url = forms.URLField(
        label=_("Link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("For a video or a link: an address starting with http:// or https://."),
    )
    cover = forms.FileField(
        label=_("Cover image"), required=False, help_text=_("JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Material
        fields = [
            "title", "kind", "owner", "topics", "summary", "body", "attachment", "external_url",
            "cover", "visibility", "is_public_news", "is_published",
        ]
        widgets = {
            "body": RichTextEditor(),
            "topics": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "is_published": _("Unpublished materials are seen only by those who manage the organisation."),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organizations
        self.fields["owner"].empty_label = None
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["body"].label = _("Text")
        self.fields["external_url"].widget.attrs["placeholder"] = "https://"

    def clean_body(self):
        return sanitize_html(self.cleaned_data.get("body"))

    def clean_external_url(self):
        url = self.cleaned_data.get("external_url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http:// and https:// addresses are accepted."))
        return url

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if hasattr(upload, "content_type"):  # a new upload, not the file already stored
            # The content must be what the name says: a spreadsheet renamed .docx is refused.
            self.attachment_type = validate_upload(upload, ATTACHMENT_TYPES, match_extension=True)
        return upload

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if upload and hasattr(upload, "content_type"):
            # Only the pixels survive (no EXIF, no GPS, no payload), as a JPEG under a new name.
            cover, _thumbnail = reencode_image(upload, settings.IMAGE_MAX_BYTES, max_side=COVER_MAX_SIDE)
            return cover
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        K = Material.Kind
        if kind == K.ARTICLE and not data.get("body"):
            self.add_error("body", _("An article needs its text."))
        if kind == K.FILE and not data.get("attachment"):
            self.add_error("attachment", _("Attach the file."))
        if kind in (K.VIDEO, K.LINK) and not data.get("external_url"):
            self.add_error("external_url", _("Give the address of the video or page."))
        return data

    def save(self, commit=True):
        material = super().save(commit=False)
        upload = self.cleaned_data.get("attachment")
        if "attachment" in self.changed_data:
            if upload:
                material.attachment_name = os.path.basename(upload.name)[:255]
                material.attachment_type = getattr(self, "attachment_type", "")
                material.attachment_size = upload.size
            else:
                material.attachment_name, material.attachment_type, material.attachment_size = "", "", None
        if commit:
            material.save()
            self.save_m2m()
        return material
