from django.db import migrations

DEFAULT_TOPICS = ["党史学习教育", "理论前沿", "时政要闻", "安全生产"]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("materials", "Topic")
    for position, name in enumerate(DEFAULT_TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
