import datetime

import factory
from django.utils import timezone

from branches.permissions import lowest_common_committee
from pairings.models import Pairing, PairingEvent, PairingParty


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pairing

    title = factory.Sequence(lambda n: f"第{n}号联建协议")
    kind = Pairing.Kind.INTERNAL
    goals = "<p>联学共建，互促共进。</p>"
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=335))
    status = Pairing.Status.DRAFT


def pairing_between(initiator, *partners, created_by=None, status=Pairing.Status.DRAFT, submitted_by=None,
                    days_from=None, days_to=None, **fields):
    """An agreement with its parties and approving committee: `pairing_between(branch, other_branch)`.

    `days_from` and `days_to` set its start and end that many days around today
    (`days_from=-400, days_to=-10`: an agreement that has ended).
    """
    today = timezone.localdate()
    if days_from is not None:
        fields["start_date"] = today + datetime.timedelta(days=days_from)
    if days_to is not None:
        fields["end_date"] = today + datetime.timedelta(days=days_to)
    orgs = [initiator, *partners]
    if "kind" not in fields and any(org.is_external for org in orgs):
        fields["kind"] = Pairing.Kind.EXTERNAL
    pairing = PairingFactory(
        created_by=created_by, status=status, submitted_by=submitted_by,
        approver=lowest_common_committee([org for org in orgs if not org.is_external]), **fields,
    )
    PairingParty.objects.create(pairing=pairing, organization=initiator, role=PairingParty.Role.INITIATOR)
    for org in partners:
        PairingParty.objects.create(pairing=pairing, organization=org, role=PairingParty.Role.PARTNER)
    PairingEvent.objects.create(pairing=pairing, actor=created_by, to_status=Pairing.Status.DRAFT)
    return pairing
