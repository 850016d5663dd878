"""The activities and agreements the reminders tests need, as the apps' factories with other defaults."""

from datetime import timedelta

import factory
from django.utils import timezone

from activities.models import ActivityKind
from pairings.models import Pairing, PairingParty
from tests.factories.activities import ActivityFactory as PlannedActivityFactory
from tests.factories.pairings import PairingFactory as DraftPairingFactory


class ActivityFactory(PlannedActivityFactory):
    """A branch committee meeting tomorrow; `participants=[branch, other]` are exactly those
    organisations (by default the organiser)."""

    title = factory.Sequence(lambda n: f"活动{n}")
    kind = ActivityKind.BRANCH_COMMITTEE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    place = ""

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        if create:
            obj.participants.set(extracted if extracted is not None else [obj.organizer])


class PairingFactory(DraftPairingFactory):
    """`PairingFactory(parties=[a, b], end_date=...)`: an approved agreement between the parties."""

    class Meta:
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
