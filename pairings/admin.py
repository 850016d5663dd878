from django.contrib import admin

from pairings.models import Pairing, PairingEvent, PairingParty


class PairingPartyInline(admin.TabularInline):
    model = PairingParty
    extra = 0
    autocomplete_fields = ["organization"]


class PairingEventInline(admin.TabularInline):
    """The history is a record: shown, never edited here."""

    model = PairingEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "approver"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "parties__organization__name"]
    date_hierarchy = "start_date"
    raw_id_fields = ["created_by", "submitted_by"]
    readonly_fields = ["created_at", "updated_at", "submitted_at"]
    inlines = [PairingPartyInline, PairingEventInline]
    list_select_related = ["approver"]
