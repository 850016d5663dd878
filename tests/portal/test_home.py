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


def test_the_header_switches_the_language(tree, client_for):
    client = client_for(tree.people.secretary)
    page = client.get("/").content.decode()
    assert 'value="en"' in page and "EN" in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "My organisations" in response.content.decode()
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    assert "我的组织" in response.content.decode()


def test_the_sign_in_page_offers_the_language_switch(db, client):
    page = client.get("/accounts/login/").content.decode()
    assert "Switch to English" in page
