from django.core.management import call_command

from materials.models import Material, StudyRecord


def test_seeding_the_demo_twice_changes_nothing(db):
    call_command("seed_demo")
    first = (Material.objects.count(), StudyRecord.objects.count())
    call_command("seed_demo")
    assert (Material.objects.count(), StudyRecord.objects.count()) == first
    titles = " ".join(Material.objects.values_list("title", flat=True))
    for words in ("党史学习教育", "理论前沿", "视频党课", "学习强国", "安全生产"):
        assert words in titles
    assert Material.objects.filter(visibility="partners").exists()
    assert Material.objects.public_news().count() >= 2
    checklist = Material.objects.get(kind="file")
    assert checklist.attachment_type == "xlsx" and checklist.attachment.size > 0
