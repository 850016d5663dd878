"""Rich text from the editor, made safe on the server, and the editor's own image uploads.

Every rich text of the portal (an agreement's goals, an activity's minutes, a material's
text) goes through this one allow-list:

- `sanitize_html(value)` keeps an allow-list of tags and attributes (nh3): whatever a browser
  sends, scripts, event handlers, styles and foreign images never come back as markup. Images
  are kept only when they point at the portal's own editor images (`store_editor_image`), so
  that rich text never loads anything from another host.
- `sanitize_text_or_html(value)` is the same for a field that may also receive plain text
  (typed without the editor): text without block markup keeps its paragraphs and line breaks.
"""

import re

import nh3
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.html import linebreaks

from portal.images import reencode_image
from portal.uploads import validate_upload

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "span",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "pre", "code",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
EDITOR_IMAGE_DIR = "editor"
# Markup that makes a value rich text; without it a value is plain text with line breaks.
BLOCK_MARKUP = re.compile(r"<(p|br|div|ul|ol|h[1-6]|table|blockquote)\b", re.IGNORECASE)


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


def sanitize_text_or_html(value):
    """Like `sanitize_html`, but plain text comes back as escaped paragraphs (`<p>`, `<br>`)."""
    value = (value or "").strip()
    if value and not BLOCK_MARKUP.search(value):
        value = linebreaks(value, autoescape=True)
    return sanitize_html(value)


def store_editor_image(upload):
    """Re-encode an uploaded image (no EXIF, no trailing bytes) under a random name; return the name.

    Raises ValidationError for anything that is not a JPEG or PNG within IMAGE_MAX_BYTES. The
    stored image is a JPEG, re-encoded like every other picture of the portal (portal.images).
    """
    validate_upload(upload, {"jpeg", "png"}, settings.IMAGE_MAX_BYTES)
    image, _thumbnail = reencode_image(upload, settings.IMAGE_MAX_BYTES)
    return default_storage.save(f"{EDITOR_IMAGE_DIR}/{image.name}", image).rsplit("/", 1)[-1]
