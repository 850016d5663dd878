import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from pairings.models import PHASE_LABELS, Pairing


class PairingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search",
                                  widget=forms.TextInput(attrs={"placeholder": _("Title or organisation")}))
    status = django_filters.ChoiceFilter(label=_("Status"), method="filter_phase", empty_label=_("Any status"),
                                         choices=list(PHASE_LABELS.items()))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Pairing.Kind.choices, empty_label=_("Any kind"))
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organization.objects.order_by("is_external", "path"),
        method="filter_organization", empty_label=_("Any organisation"),
    )
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year",
                                       widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}))

    class Meta:
        model = Pairing
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(parties__organization__name__icontains=value)
            | Q(parties__organization__short_name__icontains=value)
        ).distinct()

    def filter_phase(self, queryset, name, value):
        today = timezone.localdate()
        approved = queryset.filter(status=Pairing.Status.APPROVED)
        if value == "active":
            return approved.filter(start_date__lte=today, end_date__gte=today)
        if value == "ended":
            return approved.filter(end_date__lt=today)
        if value == "approved":
            return approved.filter(start_date__gt=today)
        return queryset.filter(status=value)

    def filter_organization(self, queryset, name, value):
        return queryset.filter(parties__organization=value).distinct()

    def filter_year(self, queryset, name, value):
        """Agreements whose period overlaps the year."""
        year = int(value)
        return queryset.filter(start_date__year__lte=year, end_date__year__gte=year)
