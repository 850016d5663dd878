"""Factories of the materials app, and the files its uploads are tested with."""

import io
import zipfile
from datetime import timedelta

import factory
from django.utils import timezone

from materials.models import Material, StudyRecord, Topic
from tests.factories import OrganizationFactory, UserFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"专题{n}")


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"学习资料{n}")
    kind = Material.Kind.ARTICLE
    body = "<p>认真学习，深刻领会。</p>"
    owner = factory.SubFactory(OrganizationFactory)
    visibility = Material.Visibility.PORTAL
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class StudyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyRecord

    user = factory.SubFactory(UserFactory)
    material = factory.SubFactory(MaterialFactory)


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# The main part of each Office Open XML type: word/document.xml, ppt/presentation.xml, xl/workbook.xml.
MAIN_PARTS = {"word/": "document.xml", "ppt/": "presentation.xml", "xl/": "workbook.xml"}


def ooxml_bytes(folder="word/", marker="wordprocessingml"):
    """A minimal Office Open XML zip: what a .docx, .pptx or .xlsx is inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override ContentType="application/vnd.openxmlformats-officedocument.{marker}.main+xml"/></Types>',
        )
        archive.writestr(f"{folder}{MAIN_PARTS.get(folder, 'document.xml')}", "<document/>")
    return buffer.getvalue()
