"""Factories for the activities app."""

from datetime import timedelta

import factory
from django.utils import timezone

from activities.models import Activity, ActivityKind, Attendance
from tests.factories import OrganizationFactory, UserFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity; its organiser takes part unless `participants=[...]` says who does."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"主题党日活动{n}")
    kind = ActivityKind.THEME_PARTY_DAY
    organizer = factory.SubFactory(OrganizationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + timedelta(hours=2))
    place = "党员活动室"
    status = Activity.Status.PLANNED

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        if create:
            obj.participants.set({obj.organizer, *(extracted or [])})


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    activity = factory.SubFactory(ActivityFactory)
    user = factory.SubFactory(UserFactory)
    status = Attendance.Status.PRESENT
