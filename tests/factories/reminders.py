"""Activities and agreements made straight through the ORM, as the reminders tests need them."""

from datetime import timedelta

import factory
from django.utils import timezone

from activities.models import Activity, ActivityKind
from pairings.models import Pairing, PairingParty
from tests.factories import OrganizationFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """`ActivityFactory(organizer=branch, participants=[branch, other])`; starts tomorrow by default."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"活动{n}")
    kind = ActivityKind.BRANCH_COMMITTEE
    organizer = factory.SubFactory(OrganizationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + timedelta(hours=2))
    status = Activity.Status.PLANNED

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        if create:
            obj.participants.set(extracted if extracted is not None else [obj.organizer])


class PairingFactory(factory.django.DjangoModelFactory):
    """`PairingFactory(parties=[a, b], end_date=...)`: an approved agreement between the parties."""

    class Meta:
        model = Pairing
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"共建协议{n}")
    status = Pairing.Status.APPROVED
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=300))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if create and extracted:
            for index, org in enumerate(extracted):
                PairingParty.objects.create(
                    pairing=obj, organization=org,
                    role=PairingParty.Role.INITIATOR if index == 0 else PairingParty.Role.PARTNER,
                )
