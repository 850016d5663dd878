"""Checking uploaded files by what they contain, not by what they are called."""

import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# extension -> (folder every such zip holds, word in its [Content_Types].xml)
OOXML = {
    "docx": ("word/", b"wordprocessingml"),
    "pptx": ("ppt/", b"presentationml"),
    "xlsx": ("xl/", b"spreadsheetml"),
}
ATTACHMENT_TYPES = ("pdf", *OOXML)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COVER_MAX_SIDE = 1600
COVER_MAX_PIXELS = 40_000_000  # a small file may still decode into gigabytes


def _too_big(upload, limit):
    return ValidationError(
        _("The file is %(size)s; at most %(limit)s is accepted."),
        code="too_big", params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
    )


def sniff_document(upload):
    """The type a document really is (pdf, docx, pptx, xlsx), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            content_types = archive.read("[Content_Types].xml")[:200_000]
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    for kind, (folder, marker) in OOXML.items():
        if marker in content_types and any(name.startswith(folder) for name in names):
            return kind
    return None


def clean_attachment(upload):
    """Accept a PDF, DOCX, PPTX or XLSX whose content matches its name; return its type."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise _too_big(upload, settings.UPLOAD_MAX_BYTES)
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(_("Upload a PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file."),
                              code="extension")
    actual = sniff_document(upload)
    if actual != extension:
        raise ValidationError(
            _("The file's content is not a real .%(extension)s document. Save it again in that format and retry."),
            code="content", params={"extension": extension},
        )
    return actual


def clean_cover(upload):
    """Re-encode an image so that only its pixels survive (no EXIF, no GPS, no payload)."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise _too_big(upload, settings.IMAGE_MAX_BYTES)
    invalid = ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ("JPEG", "PNG", "WEBP") or probe.width * probe.height > COVER_MAX_PIXELS:
                raise invalid
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((COVER_MAX_SIDE, COVER_MAX_SIDE))
            out = io.BytesIO()
            if has_alpha:
                image.save(out, format="PNG", optimize=True)
                extension = "png"
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
                extension = "jpg"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise invalid from None
    base = os.path.splitext(os.path.basename(upload.name))[0] or "cover"
    return ContentFile(out.getvalue(), name=f"{base}.{extension}")
