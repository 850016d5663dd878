"""The requirements of 《中国共产党支部工作条例（试行）》 that DESIGN.md lists, as editable data."""

from django.db import migrations

DEFAULT_RULES = [
    # activity kind, period, minimum, organisation kind
    ("party_congress", "quarter", 1, "branch"),
    ("branch_committee", "month", 1, "branch"),
    ("group_meeting", "month", 1, "group"),
    ("party_lesson", "quarter", 1, "branch"),
    ("theme_party_day", "month", 1, "branch"),
    ("organization_life_meeting", "year", 1, "branch"),
]


def seed_rules(apps, schema_editor):
    RequirementRule = apps.get_model("reminders", "RequirementRule")
    for activity_kind, period, minimum, organization_kind in DEFAULT_RULES:
        RequirementRule.objects.get_or_create(
            activity_kind=activity_kind, period=period, organization_kind=organization_kind,
            defaults={"minimum": minimum},
        )


def remove_rules(apps, schema_editor):
    RequirementRule = apps.get_model("reminders", "RequirementRule")
    for activity_kind, period, _minimum, organization_kind in DEFAULT_RULES:
        RequirementRule.objects.filter(
            activity_kind=activity_kind, period=period, organization_kind=organization_kind
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]

    operations = [migrations.RunPython(seed_rules, remove_rules)]
