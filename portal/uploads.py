"""Checks shared by every upload: the type is read from the content, never from the name.

- `sniff_type(file)` names what the bytes are: "pdf", "jpeg", "png", "docx", "pptx", "xlsx" or None.
- `validate_upload(file, allowed, max_bytes=None, match_extension=False)` raises a translated
  ValidationError when the file is too large or not one of the allowed types (images are also
  opened with Pillow), and returns the type. With `match_extension`, the type must also be the
  one the file's name claims (a spreadsheet renamed .docx is refused, not stored as a .xlsx).
- `content_type_for(type)` and `content_type_of(filename)` are the MIME type to serve a stored
  file with, from its type or from the extension of its (generated) name.
- `generated_name(instance, filename)` is an `upload_to` callable: "<app>/<yyyy>/<uuid>.<ext>",
  so that no client-chosen name reaches the storage. Keep the original name in a field of
  your own for the download.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image

TYPE_LABELS = {
    "pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "docx": "Word (.docx)",
    "pptx": "PowerPoint (.pptx)", "xlsx": "Excel (.xlsx)",
}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx", "pptx": "pptx", "xlsx": "xlsx"}
# What a file's name claims it is, by its extension.
CLAIMED_TYPES = {**{ext: kind for kind, ext in EXTENSIONS.items()}, "jpeg": "jpeg"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMAGE_TYPES = {"jpeg": "JPEG", "png": "PNG"}

# An Office Open XML file is a zip whose main part names the application.
_OOXML_PARTS = {"word/document.xml": "docx", "ppt/presentation.xml": "pptx", "xl/workbook.xml": "xlsx"}


def _head(file, size=16):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def sniff_type(file):
    """What the file's bytes are, whatever its name says; None when not a supported type."""
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            for part, kind in _OOXML_PARTS.items():
                if part in names:
                    return kind
    return None


def _is_valid_image(file, kind):
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format != IMAGE_TYPES[kind]:
                return False
            image.verify()
    except Exception:  # Pillow raises many kinds of errors on broken or hostile files
        return False
    finally:
        file.seek(0)
    return True


def validate_upload(file, allowed, max_bytes=None, *, match_extension=False):
    """Return the file's type if it is allowed and small enough; raise ValidationError if not.

    With `match_extension`, the file's name must end in an allowed type's extension and the
    content must be that type.
    """
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s is accepted."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    kind = sniff_type(file)
    if kind in IMAGE_TYPES and not _is_valid_image(file, kind):
        kind = None
    claimed = CLAIMED_TYPES.get(extension_of(file.name)) if match_extension else kind
    if claimed not in allowed:
        raise ValidationError(
            _("This file is not an accepted type. Upload a %(types)s file."),
            code="bad_type",
            params={"types": get_text_list([label for t, label in TYPE_LABELS.items() if t in allowed], _("or"))},
        )
    if kind != claimed:
        raise ValidationError(
            _("The file's content is not a real .%(extension)s file. Save it again in that format and retry."),
            code="content_mismatch",
            params={"extension": extension_of(file.name)},
        )
    return kind


def extension_of(filename):
    """The lowercased extension of a file name, without the dot ("" when there is none)."""
    return filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""


def extension_for(kind):
    return EXTENSIONS.get(kind, "bin")


def content_type_for(kind):
    return CONTENT_TYPES.get(kind, "application/octet-stream")


def content_type_of(filename):
    return content_type_for(CLAIMED_TYPES.get(extension_of(filename)))


def generated_name(instance, filename):
    """`upload_to` callable: a random name under the model's app; only a known extension is kept."""
    ext = extension_of(filename)
    suffix = f".{ext}" if ext in EXTENSIONS.values() else ""
    return f"{instance._meta.app_label}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"
