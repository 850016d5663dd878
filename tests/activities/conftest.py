import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_bytes(size=(64, 48), color=(200, 22, 29), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


@pytest.fixture
def photo_file():
    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")

    return make
