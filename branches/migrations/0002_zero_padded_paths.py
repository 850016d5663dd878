from django.db import migrations


def pad_paths(apps, schema_editor):
    """Rewrite every path with zero-padded ids so that ordering by path follows the tree."""
    Organization = apps.get_model("branches", "Organization")
    orgs = {org.pk: org for org in Organization.objects.all()}

    def path_of(org):
        prefix = path_of(orgs[org.parent_id]) if org.parent_id else "/"
        return f"{prefix}{org.pk:08d}/"

    for org in orgs.values():
        org.path = path_of(org)
    Organization.objects.bulk_update(orgs.values(), ["path"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("branches", "0001_initial")]

    operations = [migrations.RunPython(pad_paths, migrations.RunPython.noop)]
