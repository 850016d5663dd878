"""Materials other pages embed: those a pairing's parties share, as the viewer may see them."""

from django import template

from materials.models import Material
from materials.selectors import visible_materials

register = template.Library()
PANEL_SIZE = 5


@register.inclusion_tag("materials/_panel.html", takes_context=True)
def pairing_materials(context, pairing):
    user = context["request"].user
    owners = [party.organization_id for party in pairing.parties.all()]
    materials = (
        visible_materials(user)
        .filter(owner_id__in=owners, visibility=Material.Visibility.PARTNERS)
        .select_related("owner")
        .order_by("-published_at", "-pk")[:PANEL_SIZE]
    )
    return {"materials": materials, "title_key": "pairing"}


@register.inclusion_tag("materials/_panel.html", takes_context=True)
def organization_materials(context, org):
    user = context["request"].user
    materials = (
        visible_materials(user).filter(owner=org).select_related("owner").order_by("-published_at", "-pk")[:PANEL_SIZE]
    )
    return {"materials": materials, "org": org}
