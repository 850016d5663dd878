import re

from django.core import mail

from tests.factories import PASSWORD


def test_member_signs_in_with_username_and_out_again(tree, client):
    response = client.post("/accounts/login/", {"login": "mem1", "password": PASSWORD}, follow=True)
    assert "刘党员，您好" in response.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert client.get("/").status_code == 302


def test_member_signs_in_with_email(tree, client):
    response = client.post("/accounts/login/", {"login": "mem1@example.com", "password": PASSWORD}, follow=True)
    assert "我的组织" in response.content.decode()


def test_wrong_password_is_refused_in_chinese(tree, client):
    response = client.post("/accounts/login/", {"login": "mem1", "password": "wrong"})
    assert response.status_code == 200
    assert "不正确" in response.content.decode()


def test_there_is_no_open_sign_up(db, client):
    response = client.get("/accounts/signup/")
    assert "注册" in response.content.decode()
    response = client.post("/accounts/signup/", {"username": "x", "email": "x@example.com",
                                                 "password1": "a-strong-pass-2026", "password2": "a-strong-pass-2026"})
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="x").exists()


def test_password_reset_by_email(tree, client):
    response = client.post("/accounts/password/reset/", {"email": "mem1@example.com"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "brand-new-pass-2026", "password2": "brand-new-pass-2026"},
                           follow=True)
    assert response.status_code == 200
    assert client.login(username="mem1", password="brand-new-pass-2026")


def test_admin_login_goes_through_the_portal_sign_in(db, client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_shows_organisations_and_roles(tree, client_for):
    text = client_for(tree.people.secretary).get("/accounts/profile/").content.decode()
    assert "第一配送中心党支部" in text and "书记" in text


def test_profile_turns_email_off_and_switches_language(tree, client_for):
    client = client_for(tree.people.member)
    response = client.post("/accounts/profile/", {"name": "刘党员", "email": "mem1@example.com", "phone": "",
                                                  "language": "en"}, follow=True)
    assert "Your profile was saved." in response.content.decode()
    tree.people.member.refresh_from_db()
    assert tree.people.member.language == "en"
    assert tree.people.member.email_notifications is False
