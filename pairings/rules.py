"""Who may do what with a co-building agreement.

Authority rules ("pairing.act_as_drafter", "pairing.act_as_approver", "pairing.act_as_party")
say whether the person may act on this agreement at all; the views refuse with 403 when they
fail. The action rules add the state ("pairing.approve": an approver, the agreement awaits
approval, and not one's own submission); the services enforce that state with a clear message.
"""

from branches.permissions import rule
from pairings.models import Pairing, PairingParty


def acts_for(access, org):
    """A secretary, deputy secretary or admin of this very organisation (or a site admin)."""
    role = access.role_at(org)
    return access.is_superuser or (role is not None and role.manages)


def _parties(pairing):
    return list(pairing.parties.all())


def is_approver(access, pairing):
    return pairing.approver_id in access.admin_of_ids


@rule("pairing.view")
def view_pairing(access, pairing):
    if access.is_superuser or is_approver(access, pairing) or pairing.created_by_id == access.user.pk:
        return True
    return any(access.belongs_to(p.organization) or access.oversees(p.organization) for p in _parties(pairing))


@rule("pairing.create")
def create_pairing(access, _obj=None):
    return access.is_superuser or any(not org.is_external for org in access.managed_roots)


@rule("pairing.act_as_drafter")
def act_as_drafter(access, pairing):
    if pairing.created_by_id == access.user.pk:
        return True
    return any(p.role == PairingParty.Role.INITIATOR and acts_for(access, p.organization) for p in _parties(pairing))


@rule("pairing.edit")
def edit_pairing(access, pairing):
    return pairing.is_editable and act_as_drafter(access, pairing)


@rule("pairing.submit")
def submit_pairing(access, pairing):
    return edit_pairing(access, pairing)


@rule("pairing.act_as_approver")
def act_as_approver(access, pairing):
    return is_approver(access, pairing)


@rule("pairing.approve")
def approve_pairing(access, pairing):
    return (
        pairing.status == Pairing.Status.SUBMITTED
        and is_approver(access, pairing)
        and pairing.submitted_by_id != access.user.pk
    )



@rule("pairing.act_as_party")
def act_as_party(access, pairing):
    return is_approver(access, pairing) or any(acts_for(access, p.organization) for p in _parties(pairing))


@rule("pairing.terminate")
def terminate_pairing(access, pairing):
    return pairing.status == Pairing.Status.APPROVED and not pairing.has_ended and act_as_party(access, pairing)
