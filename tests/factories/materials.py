"""Factories of the materials app."""

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
