"""An organisation's co-building agreements, as the viewer may see them, for its page."""

from django import template

from pairings.models import Pairing
from pairings.queries import visible_pairings

register = template.Library()


@register.inclusion_tag("pairings/_organization_panel.html", takes_context=True)
def organization_pairings(context, org):
    user = context["request"].user
    pairings = (
        visible_pairings(user)
        .filter(parties__organization=org)
        .exclude(status__in=[Pairing.Status.DRAFT, Pairing.Status.REJECTED])
    )[:6]
    return {"pairings": pairings, "org": org}
