from django.contrib import admin

from reminders.models import Reminder, RequirementRule


@admin.register(RequirementRule)
class RequirementRuleAdmin(admin.ModelAdmin):
    list_display = ["activity_kind", "period", "minimum", "organization_kind", "is_active"]
    list_editable = ["minimum", "is_active"]
    list_filter = ["organization_kind", "period", "is_active"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "recipient", "due_at", "sent_at"]
    list_filter = ["kind"]
    date_hierarchy = "due_at"
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["kind", "object_id", "recipient", "due_at", "expires_at", "sent_at"]

    def has_add_permission(self, request):
        return False
