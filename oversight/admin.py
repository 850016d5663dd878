from django.contrib import admin

from oversight.models import Reply, Topic


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "status", "reply_count", "last_activity_at"]
    list_filter = ["status"]
    search_fields = ["title", "body", "organization__name"]
    list_select_related = ["organization"]
    inlines = [ReplyInline]
