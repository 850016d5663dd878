import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from materials.models import Material, Topic
from materials.search import search_materials


class MaterialFilter(django_filters.FilterSet):
    """The library's filters; the organisations offered are those owning something visible."""

    q = django_filters.CharFilter(label=_("Search"), method="search",
                                  widget=forms.TextInput(attrs={"type": "search"}))
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), field_name="topics",
                                             queryset=Topic.objects.all(), empty_label=_("All topics"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Material.Kind.choices, empty_label=_("All kinds"))
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"), field_name="owner", queryset=Organization.objects.none(),
        empty_label=_("All organisations"),
    )

    class Meta:
        model = Material
        fields = ["q", "topic", "kind", "organization"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["organization"].queryset = Organization.objects.filter(
            pk__in=queryset.values("owner_id")
        ).order_by("path")

    def search(self, queryset, name, value):
        return search_materials(queryset, value)
