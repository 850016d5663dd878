def test_home_lists_my_organisations_in_chinese(tree, client_for):
    response = client_for(tree.people.secretary).get("/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "我的组织" in text
    assert "第一配送中心党支部" in text
    assert "书记" in text


def test_home_speaks_english_when_asked(tree, client_for):
    response = client_for(tree.people.secretary, language="en").get("/")
    text = response.content.decode()
    assert "My organisations" in text
    assert "Secretary" in text


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_header_switches_the_language_and_the_reminders_follow(tree, client_for):
    client = client_for(tree.people.secretary)
    page = client.get("/").content.decode()
    assert 'value="en"' in page and "EN" in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "My organisations" in response.content.decode()
    tree.people.secretary.refresh_from_db()
    assert tree.people.secretary.language == "en"  # what reminders and emails are written in
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    assert "我的组织" in response.content.decode()
    tree.people.secretary.refresh_from_db()
    assert tree.people.secretary.language == "zh-hans"


def test_a_signed_in_person_sees_their_profile_language_whatever_the_browser(tree, client):
    tree.people.secretary.language = "en"
    tree.people.secretary.save()
    client.force_login(tree.people.secretary)
    assert "My organisations" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    tree.people.member.language = "zh-hans"
    tree.people.member.save()
    client.force_login(tree.people.member)
    assert "我的组织" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()


def test_an_anonymous_switch_changes_no_profile_and_the_browser_still_decides(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'value="zh-hans"' in page  # an English page offers Chinese
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Switch to English" in page


def test_the_sign_in_page_offers_the_language_switch(db, client):
    page = client.get("/accounts/login/").content.decode()
    assert "Switch to English" in page
