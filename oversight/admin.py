from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from oversight.models import Reply, Topic


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "status", "replies", "last_activity_at"]
    list_filter = ["status"]
    search_fields = ["title", "body", "organization__name"]
    list_select_related = ["organization"]
    inlines = [ReplyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reply_count=Count("replies"))

    @admin.display(description=_("replies"), ordering="reply_count")
    def replies(self, topic):
        return topic.reply_count
