from django import template
from django.utils.safestring import mark_safe

from portal.richtext import sanitize_html

register = template.Library()


@register.filter
def richtext(value):
    """`{{ pairing.goals|richtext }}`: sanitised again on output, so that rows written outside
    the forms (admin, imports) cannot carry markup either."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - nh3 allow-list output
