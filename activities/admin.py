from django.contrib import admin

from activities.models import Activity, ActivityPhoto, Attendance, AttendanceChange, CalendarFeed


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["recorded_at", "recorded_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organizer", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["participants"]
    raw_id_fields = ["pairing", "created_by"]
    inlines = [AttendanceInline]


@admin.register(AttendanceChange)
class AttendanceChangeAdmin(admin.ModelAdmin):
    list_display = ["attendance", "previous_status", "new_status", "changed_by", "changed_at"]
    readonly_fields = [f.name for f in AttendanceChange._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ActivityPhoto)
class ActivityPhotoAdmin(admin.ModelAdmin):
    list_display = ["activity", "caption", "uploaded_by", "created_at"]
    raw_id_fields = ["activity", "uploaded_by"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
