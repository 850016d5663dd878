import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.files import jpeg_bytes


@pytest.fixture
def photo_file():
    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")

    return make
