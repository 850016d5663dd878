"""The bytes of small files that uploads are tested with."""

import io

from PIL import Image


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 22, 29), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def exif_with_gps():
    """EXIF as a phone writes it: where the picture was taken and the maker."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    return exif
