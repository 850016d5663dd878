"""Re-encoding of uploaded images, shared by every app that takes pictures.

An upload is never stored as it came: Pillow decodes it fully, applies its EXIF orientation,
and writes a fresh JPEG without any metadata (so no GPS position leaves the phone), under a
generated name. What Pillow cannot decode completely is refused.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"}
MAX_SIDE = 2560
JPEG_QUALITY = 85


def _flatten(image):
    """RGB on a white background, whatever the mode (palette, alpha, CMYK, 16-bit)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image, suffix=""):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}{suffix}.jpg")


def reencode_image(uploaded_file, max_bytes, thumbnail_size=None, *, max_side=MAX_SIDE):
    """Return `(image, thumbnail)` as new JPEG ContentFiles with generated names.

    The image is scaled down to fit `max_side` pixels on its longer side; `thumbnail` is None
    unless `thumbnail_size` (a `(width, height)` box) is given. Raises
    ValidationError, in the active language, for a file over `max_bytes`, a file that is
    not an image, a truncated image, or one with more pixels than `Image.MAX_IMAGE_PIXELS`.
    """
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {"name": getattr(uploaded_file, "name", ""), "size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    name = getattr(uploaded_file, "name", "") or _("The file")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise UnidentifiedImageError(probe.format)
                probe.verify()
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as image:
                image.load()  # decodes every pixel: a truncated file fails here
                image = ImageOps.exif_transpose(image)
                image = _flatten(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("%(name)s has too many pixels to be processed safely.") % {"name": name}, code="too_many_pixels"
        )
    except UnidentifiedImageError:
        raise ValidationError(
            _("%(name)s is not an image: upload a JPEG, PNG, GIF or WebP file.") % {"name": name}, code="not_an_image"
        )
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("%(name)s is damaged or incomplete and cannot be read.") % {"name": name}, code="damaged"
        )
    finally:
        uploaded_file.seek(0)

    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    thumbnail = None
    if thumbnail_size:
        small = image.copy()
        small.thumbnail(thumbnail_size, Image.Resampling.LANCZOS)
        thumbnail = _jpeg(small, "_thumb")
    return _jpeg(image), thumbnail
