"""Every change to a co-building agreement: one atomic function per action.

Each action records a PairingEvent and notifies the parties' secretaries (and, on
submission, the approvers). State problems raise `ActionRefused` with a message for the user;
who may act at all is checked by the views through pairings.rules.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from branches.models import SECRETARY_ROLES, Role
from branches.permissions import lowest_common_committee
from notifications.services import notify
from pairings.models import Pairing, PairingEvent, PairingParty

audit = logging.getLogger("portal.audit")


class ActionRefused(ValidationError):
    """The agreement is not in a state that allows this action; the message says why."""


def _locked(pairing):
    return Pairing.objects.select_for_update().get(pk=pairing.pk)


def _parties_secretaries(pairing):
    return User.objects.filter(
        is_active=True,
        memberships__organization__pairing_parties__pairing=pairing,
        memberships__role__in=SECRETARY_ROLES,
    ).distinct()


def _approvers(pairing):
    if pairing.approver_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, memberships__organization_id=pairing.approver_id, memberships__role=Role.ADMIN
    ).distinct()


def _record(pairing, actor, from_status, comment="", *, template, extra_recipients=()):
    event = PairingEvent.objects.create(
        pairing=pairing, actor=actor, from_status=from_status, to_status=pairing.status, comment=comment
    )
    recipients = [u for u in [*_parties_secretaries(pairing), *extra_recipients] if u.pk != actor.pk]
    notify(
        recipients,
        template=f"pairings/email/{template}",
        context={"pairing": pairing, "actor": actor, "comment": comment},
        url=reverse("pairing_detail", args=[pairing.pk]),
    )
    return event


def _set_parties(pairing, initiator, partners):
    pairing.parties.all().delete()
    PairingParty.objects.bulk_create(
        [PairingParty(pairing=pairing, organization=initiator, role=PairingParty.Role.INITIATOR)]
        + [PairingParty(pairing=pairing, organization=org, role=PairingParty.Role.PARTNER)
           for org in partners if org.pk != initiator.pk]
    )


def _approving_committee(initiator, partners):
    internal = [org for org in [initiator, *partners] if not org.is_external]
    return lowest_common_committee(internal)


@transaction.atomic
def create_draft(user, *, initiator, partners, **fields):
    pairing = Pairing.objects.create(
        created_by=user, status=Pairing.Status.DRAFT, approver=_approving_committee(initiator, partners), **fields
    )
    _set_parties(pairing, initiator, partners)
    audit.info("pairing %s drafted by %s", pairing.pk, user.pk)
    _record(pairing, user, "", template="drafted")
    return pairing


@transaction.atomic
def update_draft(pairing, user, *, initiator, partners, **fields):
    pairing = _locked(pairing)
    if not pairing.is_editable:
        raise ActionRefused(_("An approved, ended or submitted agreement can no longer be edited."))
    for name, value in fields.items():
        setattr(pairing, name, value)
    pairing.approver = _approving_committee(initiator, partners)
    pairing.save()
    _set_parties(pairing, initiator, partners)
    _record(pairing, user, pairing.status, template="updated")
    return pairing


@transaction.atomic
def submit_pairing(pairing, user):
    pairing = _locked(pairing)
    if not pairing.is_editable:
        raise ActionRefused(_("Only a draft or a rejected agreement can be submitted."))
    parties = list(pairing.parties.select_related("organization"))
    if len(parties) < 2:
        raise ActionRefused(_("An agreement needs at least two parties."))
    pairing.approver = _approving_committee(parties[0].organization, [p.organization for p in parties[1:]])
    if pairing.approver is None:
        raise ActionRefused(_("No Party committee contains every internal party, so nobody can approve this agreement."))
    previous = pairing.status
    pairing.status = Pairing.Status.SUBMITTED
    pairing.submitted_by = user
    pairing.submitted_at = timezone.now()
    pairing.save(update_fields=["status", "approver", "submitted_by", "submitted_at", "updated_at"])
    audit.info("pairing %s submitted by %s to committee %s", pairing.pk, user.pk, pairing.approver_id)
    _record(pairing, user, previous, template="submitted", extra_recipients=_approvers(pairing))
    return pairing


def _drafters(pairing):
    """Who drafted and who submitted the agreement: told of the decision."""
    return [u for u in [pairing.created_by, pairing.submitted_by] if u]


def _check_decision(pairing, user, refusal):
    """`refusal`: what to say, with %(status)s, when the agreement is not awaiting approval."""
    if pairing.status != Pairing.Status.SUBMITTED:
        raise ActionRefused(refusal % {"status": pairing.phase_label})
    if pairing.submitted_by_id == user.pk:
        raise ActionRefused(_("You cannot decide on an agreement you submitted yourself; another admin of the committee must."))


@transaction.atomic
def approve_pairing(pairing, user, comment=""):
    pairing = _locked(pairing)
    _check_decision(pairing, user, _("Only an agreement awaiting approval can be approved; this one is “%(status)s”."))
    pairing.status = Pairing.Status.APPROVED
    pairing.save(update_fields=["status", "updated_at"])
    audit.info("pairing %s approved by %s", pairing.pk, user.pk)
    _record(pairing, user, Pairing.Status.SUBMITTED, comment, template="approved",
            extra_recipients=_drafters(pairing))
    return pairing


@transaction.atomic
def reject_pairing(pairing, user, comment):
    if not (comment or "").strip():
        raise ActionRefused(_("Say why the agreement is rejected, so that its drafter can revise it."))
    pairing = _locked(pairing)
    _check_decision(pairing, user, _("Only an agreement awaiting approval can be rejected; this one is “%(status)s”."))
    pairing.status = Pairing.Status.REJECTED
    pairing.save(update_fields=["status", "updated_at"])
    audit.info("pairing %s rejected by %s", pairing.pk, user.pk)
    _record(pairing, user, Pairing.Status.SUBMITTED, comment.strip(), template="rejected",
            extra_recipients=_drafters(pairing))
    return pairing


@transaction.atomic
def terminate_pairing(pairing, user, reason):
    if not (reason or "").strip():
        raise ActionRefused(_("Give the reason for ending the agreement early."))
    pairing = _locked(pairing)
    if pairing.status != Pairing.Status.APPROVED or pairing.has_ended:
        raise ActionRefused(_("Only an approved agreement that has not ended can be terminated."))
    pairing.status = Pairing.Status.TERMINATED
    pairing.save(update_fields=["status", "updated_at"])
    audit.info("pairing %s terminated by %s", pairing.pk, user.pk)
    _record(pairing, user, Pairing.Status.APPROVED, reason.strip(), template="terminated",
            extra_recipients=_approvers(pairing))
    return pairing
