from django import template

from branches.permissions import can
from reminders.compliance import AMBER, GREEN, LIGHT_LABELS, RED, compliance_for, overall_light

register = template.Library()

CSS = {GREEN: "success", AMBER: "warning", RED: "danger"}
ICONS = {GREEN: "bi-check-circle-fill", AMBER: "bi-hourglass-split", RED: "bi-exclamation-circle-fill"}


@register.inclusion_tag("reminders/_compliance.html", takes_context=True)
def compliance_light(context, org):
    """`{% compliance_light org %}`: the organisation's requirements this period as a traffic light."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can(user, "organization.view_compliance", org):
        return {"rows": []}
    statuses = compliance_for(org)
    light = overall_light(statuses)
    rows = [{"status": s, "css": CSS[s.light], "icon": ICONS[s.light]} for s in statuses]
    return {"org": org, "rows": rows, "light": light, "css": CSS[light], "light_label": LIGHT_LABELS[light]}
