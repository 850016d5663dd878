"""The bytes of small files that uploads are tested with."""

import io
import zipfile

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_bytes():
    return PDF


def ooxml_bytes(main_part="word/document.xml", marker="wordprocessingml"):
    """A minimal Office Open XML zip: what a .docx (word/document.xml), .pptx
    (ppt/presentation.xml) or .xlsx (xl/workbook.xml) is inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override ContentType="application/vnd.openxmlformats-officedocument.{marker}.main+xml"/></Types>',
        )
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 22, 29), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def jpeg_bytes(size=(64, 48), **kwargs):
    return image_bytes("JPEG", size=size, **kwargs)


def exif_with_gps():
    """EXIF as a phone writes it: where the picture was taken and the maker."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    return exif
