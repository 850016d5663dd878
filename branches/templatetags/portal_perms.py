from django import template

from branches.permissions import can as _can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission, obj=None):
    """`{% can "pairing.approve" pairing as may_approve %}`: the same check the view makes."""
    return _can(context["request"].user, permission, obj)
