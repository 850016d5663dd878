import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from materials.models import Material, StudyRecord, Topic
from pairings.models import Pairing
from tests.factories import member_of
from tests.factories.materials import MaterialFactory, StudyRecordFactory
from tests.factories.pairings import pairing_between


def fill_library(tree, times):
    topic = Topic.objects.get(name="党史学习教育")
    for n in range(times):
        for owner in (tree.branch, tree.committee, tree.far_branch):
            material = MaterialFactory(owner=owner, topics=[topic], visibility="partners")
            StudyRecordFactory(user=tree.people.member, material=material)
            StudyRecordFactory(user=tree.people.group_member, material=material)


def test_the_library_query_count_does_not_grow_with_materials_or_records(tree, client_for,
                                                                        django_assert_num_queries):
    pairing_between(tree.branch, tree.far_branch, status=Pairing.Status.APPROVED)
    fill_library(tree, 1)
    client = client_for(tree.people.member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("material_list")).status_code == 200
    fill_library(tree, 10)
    with django_assert_num_queries(len(small)):
        page = client.get(reverse("material_list"))
    assert page.content.decode().count('data-testid="studied"') == 20


def test_the_library_filters_by_topic_kind_and_organisation(tree, client_for):
    history = Topic.objects.get(name="党史学习教育")
    MaterialFactory(title="党史故事", owner=tree.branch, topics=[history])
    MaterialFactory(title="学习视频", owner=tree.committee, kind="video", external_url="https://example.com/v")
    MaterialFactory(title="分公司通知", owner=tree.committee)
    client = client_for(tree.people.member)

    def shown(**params):
        page = client.get(reverse("material_list"), params).content.decode()
        return {t for t in ("党史故事", "学习视频", "分公司通知") if t in page}

    assert shown(topic=history.pk) == {"党史故事"}
    assert shown(kind="video") == {"学习视频"}
    assert shown(organization=tree.committee.pk) == {"学习视频", "分公司通知"}
    assert shown(organization=tree.committee.pk, kind="article") == {"分公司通知"}


def test_a_member_marks_a_material_studied_and_sees_it_in_the_library(tree, client_for):
    material = MaterialFactory(title="理论学习材料", owner=tree.branch)
    client = client_for(tree.people.member)
    assert "未学习" in client.get(reverse("material_list")).content.decode()
    response = client.post(reverse("material_studied", args=[material.pk]), follow=True)
    assert "已标记为已学习" in response.content.decode()
    record = StudyRecord.objects.get(user=tree.people.member, material=material)
    first = record.first_studied_at
    client.post(reverse("material_studied", args=[material.pk]))
    record.refresh_from_db()
    assert record.first_studied_at == first and record.last_studied_at > first
    page = client.get(reverse("material_list")).content.decode()
    assert "已学习" in page and "您已学习与您共享的 1 份资料中的 1 份" in page


def test_marking_studied_needs_a_post(tree, client_for):
    material = MaterialFactory(owner=tree.branch)
    assert client_for(tree.people.member).get(reverse("material_studied", args=[material.pk])).status_code == 405


def test_a_member_sees_only_their_own_progress(tree, client_for):
    material = MaterialFactory(owner=tree.branch)
    StudyRecordFactory(user=tree.people.deputy, material=material)
    client = client_for(tree.people.member)
    assert client.get(reverse("study_progress")).status_code == 403
    assert client.get(reverse("material_progress", args=[material.pk])).status_code == 403
    page = client.get(reverse("material_list")).content.decode()
    assert "您已学习与您共享的 1 份资料中的 0 份" in page
    assert "成员学习进度" not in page


def test_a_secretary_sees_progress_per_material_and_per_member(tree, client_for):
    first = MaterialFactory(title="第一份材料", owner=tree.branch)
    second = MaterialFactory(title="第二份材料", owner=tree.committee)
    MaterialFactory(title="别的支部的材料", owner=tree.other_branch, visibility="subtree")
    StudyRecordFactory(user=tree.people.member, material=first)
    StudyRecordFactory(user=tree.people.group_member, material=first)
    StudyRecordFactory(user=tree.people.member, material=second)
    StudyRecordFactory(user=tree.people.other_member, material=second)  # not in the branch
    client = client_for(tree.people.secretary)
    # the branch has the secretary, the deputy, the member and the group's member
    page = client.get(reverse("study_progress")).content.decode()
    assert "4 名成员" in page and "别的支部的材料" not in page
    assert f'data-testid="progress-{first.pk}">2 / 4' in page
    assert f'data-testid="progress-{second.pk}">1 / 4' in page
    by_member = client.get(reverse("study_progress"), {"by": "member"}).content.decode()
    assert "刘党员" in by_member and "已学 2 / 2" in by_member
    detail = client.get(reverse("material_progress", args=[first.pk]), {"org": tree.branch.pk}).content.decode()
    assert "第一配送中心党支部 4 名成员中有 2 名已学习" in detail


def test_a_secretary_cannot_see_another_branchs_progress(tree, client_for):
    client = client_for(tree.people.secretary)
    assert client.get(reverse("study_progress"), {"org": tree.other_branch.pk}).status_code == 404
    admin = client_for(tree.people.admin)
    page = admin.get(reverse("study_progress"), {"org": tree.other_branch.pk})
    assert page.status_code == 200 and "第二配送中心党支部" in page.content.decode()


@pytest.mark.parametrize("url_name", ["material_list", "study_progress"])
def test_a_person_without_organisation_sees_an_empty_library_or_is_refused(tree, client_for, url_name):
    MaterialFactory(owner=tree.branch)
    response = client_for(tree.people.outsider).get(reverse(url_name))
    assert response.status_code == (200 if url_name == "material_list" else 403)


def test_the_secretary_of_a_group_is_counted_in_the_branch(tree, client_for):
    group_secretary = member_of(tree.group, "secretary", username="grpsec")
    material = MaterialFactory(owner=tree.branch, visibility=Material.Visibility.SUBTREE)
    StudyRecordFactory(user=group_secretary, material=material)
    page = client_for(tree.people.secretary).get(reverse("study_progress")).content.decode()
    assert f'data-testid="progress-{material.pk}">1 / 5' in page
