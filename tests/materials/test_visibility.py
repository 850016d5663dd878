import pytest
from django.urls import reverse

from materials.selectors import visible_materials

# who -> which of the shared materials they see
MATRIX = {
    "member": {"portal", "subtree", "partners", "news"},
    "group_member": {"portal", "subtree", "partners", "news"},
    "secretary": {"portal", "subtree", "partners", "news", "draft"},
    "admin": {"portal", "subtree", "partners", "news", "draft"},
    "committee_member": {"portal", "subtree", "partners", "news"},
    "other_member": {"portal", "news"},
    "partner_member": {"portal", "partners", "news"},
    "ended_partner": {"portal", "news"},
    "pending_member": {"portal", "news"},
    "far_admin": {"portal", "news"},
    "outsider": {"news"},
}
MATERIALS = ["portal", "subtree", "partners", "draft", "news"]


def person(tree, shared, who):
    return getattr(shared, who, None) or getattr(tree.people, who)


@pytest.mark.parametrize("who", MATRIX)
def test_each_person_sees_exactly_the_materials_shared_with_them(tree, shared, client_for, who):
    client = client_for(person(tree, shared, who))
    library = client.get(reverse("material_list")).content.decode()
    for name in MATERIALS:
        material = getattr(shared, name)
        expected = name in MATRIX[who]
        assert (material.title in library) is expected, (who, name)
        detail = client.get(reverse("material_detail", args=[material.pk]))
        assert detail.status_code == (200 if expected else 404), (who, name)


@pytest.mark.parametrize("who", MATRIX)
def test_the_selector_agrees_with_the_pages(tree, shared, who):
    seen = set(visible_materials(person(tree, shared, who)).values_list("pk", flat=True))
    assert seen == {getattr(shared, name).pk for name in MATRIX[who]}


def test_a_partner_in_an_active_pairing_can_open_the_shared_attachment(tree, shared, client_for):
    response = client_for(shared.partner_member).get(reverse("material_attachment", args=[shared.partners.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["ended_partner", "other_member", "outsider", "pending_member"])
def test_a_hidden_attachment_is_not_found(tree, shared, client_for, who):
    response = client_for(person(tree, shared, who)).get(reverse("material_attachment", args=[shared.partners.pk]))
    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_for_everything_but_the_news(shared, client):
    for url in [reverse("material_list"), reverse("material_detail", args=[shared.portal.pk]),
                reverse("material_attachment", args=[shared.partners.pk]),
                reverse("material_cover", args=[shared.portal.pk]), reverse("study_progress")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get(reverse("news_detail", args=[shared.news.pk])).status_code == 200
    assert client.get(reverse("news_detail", args=[shared.portal.pk])).status_code == 404


def test_a_hidden_material_never_shows_in_lists_search_feeds_or_by_url(tree, shared, client_for, client):
    hidden = shared.subtree  # shared with the first branch only
    outsider = client_for(shared.ended_partner)
    assert hidden.title not in outsider.get(reverse("material_list")).content.decode()
    search = outsider.get(reverse("material_list"), {"q": "内部学习"}).content.decode()
    assert hidden.title not in search and "没有符合条件的资料" in search
    assert outsider.get(reverse("material_detail", args=[hidden.pk])).status_code == 404
    assert outsider.get(reverse("material_attachment", args=[hidden.pk])).status_code == 404
    assert outsider.post(reverse("material_studied", args=[hidden.pk])).status_code == 404
    for url in [reverse("news_list"), reverse("news_rss"), reverse("news_atom")]:
        for viewer in (client, client_for(tree.people.secretary)):
            body = viewer.get(url).content.decode()
            assert hidden.title not in body and shared.draft.title not in body, url
            assert shared.news.title in body, url
    assert client.get(reverse("news_detail", args=[hidden.pk])).status_code == 404


def test_a_member_does_not_see_a_draft_but_its_secretary_does(tree, shared, client_for):
    assert client_for(tree.people.member).get(reverse("material_detail", args=[shared.draft.pk])).status_code == 404
    page = client_for(tree.people.secretary).get(reverse("material_detail", args=[shared.draft.pk]))
    assert "未发布" in page.content.decode()
    assert "标记为已学习" not in page.content.decode()


def test_a_material_published_in_the_future_waits_for_its_date(tree, shared, client_for):
    from datetime import timedelta

    from django.utils import timezone

    shared.portal.published_at = timezone.now() + timedelta(days=1)
    shared.portal.save()
    assert client_for(tree.people.other_member).get(
        reverse("material_detail", args=[shared.portal.pk])).status_code == 404
