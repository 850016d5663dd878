"""Rich text: whatever the editor (or anyone) sends comes back only as allow-listed markup."""

from pairings.models import Pairing
from tests.factories.pairings import pairing_between

PAYLOAD = (
    '<p>共建目标</p><script>alert("xss")</script><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">点我</a><p onclick="alert(3)" style="color:red">承诺</p>'
    '<iframe src="https://evil.example/"></iframe><svg onload="alert(4)"></svg>'
)


def test_script_payload_in_goals_never_comes_back_as_markup(tree, client_for, draft_data):
    client = client_for(tree.people.secretary)
    client.post("/pairings/new/", draft_data(goals=PAYLOAD))
    pairing = Pairing.objects.get()
    for stored_or_shown in (pairing.goals, client.get(f"/pairings/{pairing.pk}/").content.decode()):
        assert "<script>alert" not in stored_or_shown
        assert "onerror" not in stored_or_shown
        assert "javascript:" not in stored_or_shown
        assert "onclick" not in stored_or_shown
        assert "<iframe" not in stored_or_shown
        assert "onload" not in stored_or_shown
    assert "<p>共建目标</p>" in pairing.goals


def test_markup_written_outside_the_form_is_cleaned_on_output(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, goals='<p>好</p><script>alert(1)</script>')
    page = client_for(tree.people.secretary).get(f"/pairings/{pairing.pk}/").content.decode()
    assert "<script>alert(1)" not in page
    assert "<p>好</p>" in page


def test_edit_form_shows_the_goals_escaped_inside_the_textarea(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary,
                              goals='<p>a</p></textarea><script>alert(1)</script>')
    page = client_for(tree.people.secretary).get(f"/pairings/{pairing.pk}/edit/").content.decode()
    assert "</textarea><script>alert(1)" not in page


def test_the_editor_is_served_from_local_static_files(tree, client_for):
    page = client_for(tree.people.secretary).get("/pairings/new/").content.decode()
    assert "/static/django_ckeditor_5/dist/bundle.js" in page
    assert "/editor/images/" in page  # uploads go to the portal's own view
    for src in __import__("re").findall(r'(?:src|href)="([^"]+)"', page):
        assert not src.startswith(("http://", "https://", "//")), src
