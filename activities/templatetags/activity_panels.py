"""Panels other pages embed: an organisation's or a pairing's activities, as the viewer may see them."""

from django import template
from django.utils import timezone

from activities.models import Activity
from activities.queries import involving, visible_activities
from branches.permissions import can

register = template.Library()
PANEL_SIZE = 4


def _panel(activities):
    activities = activities.select_related("organizer")
    now = timezone.now()
    upcoming = list(activities.filter(status=Activity.Status.PLANNED, ends_at__gte=now)
                    .order_by("starts_at", "pk")[:PANEL_SIZE])
    recent = list(activities.filter(status=Activity.Status.HELD).order_by("-starts_at", "-pk")[:PANEL_SIZE])
    return {"upcoming": upcoming, "recent": recent}


@register.inclusion_tag("activities/_panel.html", takes_context=True)
def organization_activities(context, org):
    user = context["request"].user
    return {**_panel(involving(visible_activities(user), org)), "filter": f"organization={org.pk}", "calendar_for": org}


@register.inclusion_tag("activities/_panel.html", takes_context=True)
def pairing_activities(context, pairing):
    user = context["request"].user
    return {**_panel(visible_activities(user).filter(pairing=pairing)), "filter": f"pairing={pairing.pk}",
            "plan_for_pairing": pairing, "may_plan": pairing.is_active and can(user, "activity.plan")}
