"""The full-text index that lets PostgreSQL find two-character Chinese words.

Only on PostgreSQL: SQLite searches with a plain substring scan. The index is built from
`materials.search.bigram_index()` so that its expression is the one the search queries.
"""

from django.db import migrations

from materials.search import bigram_index


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("materials", "Material"), bigram_index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("materials", "Material"), bigram_index())


class Migration(migrations.Migration):
    dependencies = [("materials", "0002_default_topics")]

    operations = [migrations.RunPython(add_index, remove_index)]
