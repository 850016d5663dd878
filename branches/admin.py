from django.contrib import admin

from branches.models import Invitation, Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_external", "unit_name", "brand_name"]
    list_filter = ["kind", "is_external"]
    search_fields = ["name", "short_name", "unit_name", "brand_name"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "joined_at"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["user__username", "user__name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organization", "role", "created_at", "accepted_at"]
    search_fields = ["name", "email", "organization__name"]
    list_select_related = ["organization"]
    readonly_fields = ["token", "created_at", "accepted_at"]
