import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.factories.materials import MaterialFactory


def test_public_news_needs_no_login_and_shows_only_public_news(tree, client):
    news = MaterialFactory(title="支部开展主题党日活动", owner=tree.branch, is_public_news=True,
                           body="<p>活动<strong>圆满</strong>完成</p>")
    MaterialFactory(title="内部学习材料", owner=tree.branch)
    MaterialFactory(title="未发布的新闻", owner=tree.branch, is_public_news=True, is_published=False)
    page = client.get(reverse("news_list")).content.decode()
    assert "支部开展主题党日活动" in page and "内部学习材料" not in page and "未发布的新闻" not in page
    detail = client.get(reverse("news_detail", args=[news.pk])).content.decode()
    assert "<strong>圆满</strong>" in detail


def test_rss_and_atom_feeds_list_the_public_news(tree, client):
    news = MaterialFactory(title="公开新闻一", owner=tree.branch, is_public_news=True)
    MaterialFactory(title="内部资料", owner=tree.branch)
    rss = client.get(reverse("news_rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(rss.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["公开新闻一"]
    assert items[0].findtext("link").endswith(reverse("news_detail", args=[news.pk]))
    atom = client.get(reverse("news_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["公开新闻一"]


def test_the_news_feed_cost_does_not_grow_with_items(tree, client, django_assert_max_num_queries):
    for n in range(12):
        MaterialFactory(owner=tree.branch, is_public_news=True)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("news_rss")).status_code == 200


def test_images_in_the_feed_have_absolute_addresses(tree, client, settings):
    settings.SITE_URL = "https://dangjian.example.cn/"
    MaterialFactory(owner=tree.branch, is_public_news=True, body='<p>合影</p><img src="/editor/images/abc.png">')
    description = ET.fromstring(client.get(reverse("news_rss")).content).find("./channel/item").findtext("description")
    assert 'src="https://dangjian.example.cn/editor/images/abc.png"' in description
