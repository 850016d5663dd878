from django.contrib import admin

from materials.models import Material, StudyRecord, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "visibility", "is_public_news", "is_published", "published_at"]
    list_filter = ["kind", "visibility", "is_public_news", "is_published", "topics"]
    search_fields = ["title"]
    autocomplete_fields = []
    raw_id_fields = ["owner", "created_by"]
    filter_horizontal = ["topics"]
    readonly_fields = ["attachment_name", "attachment_type", "attachment_size"]
    exclude = ["attachment", "cover"]


@admin.register(StudyRecord)
class StudyRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "material", "first_studied_at", "last_studied_at"]
    raw_id_fields = ["user", "material"]
