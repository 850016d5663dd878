from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    search_fields = ["title", "recipient__username", "recipient__name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
