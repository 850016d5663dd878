"""Rich text from the editor, made safe on the server, and the editor's own image uploads.

`sanitize_html(value)` keeps an allow-list of tags and attributes (nh3): whatever a browser
sends, scripts, event handlers, styles and foreign images never come back as markup. Images
are kept only when they point at the portal's own editor images (`store_editor_image`), so
that rich text never loads anything from another host.
"""

import io
import uuid

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from portal.uploads import validate_upload

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "h2", "h3", "h4", "ul", "ol", "li",
    "blockquote", "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
EDITOR_IMAGE_DIR = "editor"


def editor_image_prefix():
    try:
        return reverse("editor_image", args=["x.png"])[: -len("x.png")]
    except NoReverseMatch:
        return None


def _keep_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src":
        prefix = editor_image_prefix()
        return value if prefix and value.startswith(prefix) and ".." not in value else None
    return value


def sanitize_html(value):
    """The allow-listed part of an HTML fragment; plain text comes back escaped."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned.strip()


def store_editor_image(upload):
    """Re-encode an uploaded image (no EXIF, no trailing bytes) under a random name; return the name.

    Raises ValidationError for anything that is not a JPEG or PNG within IMAGE_MAX_BYTES.
    """
    kind = validate_upload(upload, {"jpeg", "png"}, settings.IMAGE_MAX_BYTES)
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if kind == "jpeg":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG" if kind == "jpeg" else "PNG", quality=85, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This image could not be read."), code="bad_image") from error
    name = f"{uuid.uuid4().hex}.{'jpg' if kind == 'jpeg' else 'png'}"
    return default_storage.save(f"{EDITOR_IMAGE_DIR}/{name}", ContentFile(buffer.getvalue())).rsplit("/", 1)[-1]
