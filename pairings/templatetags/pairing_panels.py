"""An organisation's co-building agreements, as the viewer may see them, for its page."""

from django import template

from pairings.models import Pairing
from pairings.queries import visible_pairings, with_parties

register = template.Library()


@register.inclusion_tag("pairings/_organization_panel.html", takes_context=True)
def organization_pairings(context, org):
    user = context["request"].user
    pairings = with_parties(
        visible_pairings(user)
        .filter(parties__organization=org)
        .exclude(status__in=[Pairing.Status.DRAFT, Pairing.Status.REJECTED])
        .order_by("-start_date", "-pk")
    )[:6]
    return {"pairings": pairings, "org": org}
