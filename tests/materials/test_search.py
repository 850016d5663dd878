import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from materials.models import Material
from materials.search import search_materials
from materials.search_text import bigram_document, plain_text
from tests.factories.materials import MaterialFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback only")


@pytest.fixture
def library(tree):
    def make(title, body=""):
        return MaterialFactory(title=title, body=body, owner=tree.branch)

    return {
        "history_title": make("党史学习教育读本", "<p>第一章</p>"),
        "history_body": make("学习笔记", "<p>深入开展<strong>党史</strong>学习教育</p>"),
        "lesson": make("七一专题党课讲稿", "<p>讲好专题党课</p>"),
        "lesson_body": make("支部工作安排", "<p>书记讲<em>党课</em>，全体党员参加</p>"),
        "safety": make("安全生产月活动方案", "<p>落实安全生产责任制</p>"),
        "safety_body": make("驾驶员培训", "<p>牢固树立安全生产意识</p>"),
        # every bigram of 安全生产 occurs, but never side by side
        "decoy": make("车辆全生命周期管理", "<p>安全、生产两手抓</p>"),
        "other": make("理论前沿综述", "<p>习近平新时代中国特色社会主义思想</p>"),
        "english": make("Safety handbook", "<p>Read the PDF guide</p>"),
    }


def titles(q):
    return [m.title for m in search_materials(Material.objects.all(), q)]


@pytest.mark.parametrize("q, expected", [
    ("党史", ["党史学习教育读本", "学习笔记"]),
    ("党课", ["七一专题党课讲稿", "支部工作安排"]),
    ("安全生产", ["安全生产月活动方案", "驾驶员培训"]),
    ("专题 党课", ["七一专题党课讲稿"]),
    ("安全生产意识", ["驾驶员培训"]),
    ("safety", ["Safety handbook"]),
    ("pdf", ["Safety handbook"]),
    ("党", ["七一专题党课讲稿", "党史学习教育读本", "支部工作安排", "学习笔记"]),
])
def test_search_finds_chinese_words_in_titles_and_texts_titles_first(library, q, expected):
    assert titles(q) == expected


def test_search_drops_materials_whose_bigrams_are_not_side_by_side(library):
    assert "车辆全生命周期管理" not in titles("安全生产")


def test_an_empty_search_changes_nothing(library):
    assert search_materials(Material.objects.all(), "  ").count() == len(library)


def test_the_text_searched_is_what_a_reader_sees(tree):
    material = MaterialFactory(owner=tree.branch, body="<p>党<b>史</b>学习&amp;教育</p><script>党课</script>")
    assert material.body_text == "党史学习&教育"
    assert "党史" in material.search_bigrams.split() and "党课" not in material.search_bigrams.split()
    assert plain_text("<p>a</p><p>b</p>") == "a b"
    assert bigram_document("安全生产 PDF") == "安全 全生 生产 pdf"


def test_the_library_search_box_ranks_and_paginates(library, tree, client_for):
    for n in range(25):
        MaterialFactory(title=f"学习资料{n}", body="<p>关于党课的要求</p>", owner=tree.branch)
    client = client_for(tree.people.member)
    first = client.get(reverse("material_list"), {"q": "党课"}).content.decode()
    assert "找到 27 份资料" in first
    assert first.index("七一专题党课讲稿") < first.index("学习资料24")
    second = client.get(reverse("material_list"), {"q": "党课", "page": 2}).content.decode()
    assert "第 2 / 2 页" in second and "七一专题党课讲稿" not in second


@on_sqlite
def test_sqlite_searches_with_a_plain_substring_match(library):
    with CaptureQueriesContext(connection) as queries:
        assert titles("党课") == ["七一专题党课讲稿", "支部工作安排"]
    sql = queries.captured_queries[-1]["sql"]
    assert "LIKE" in sql and "to_tsvector" not in sql


@on_postgresql
def test_postgresql_keeps_chinese_characters_as_tokens(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        ctype = cursor.fetchone()[0]
        cursor.execute("SELECT to_tsvector('simple', %s)::text", [bigram_document("党史学习")])
        assert cursor.fetchone()[0] == "'党史':1 '史学':2 '学习':3", ctype


@on_postgresql
@pytest.mark.parametrize("q", ["党史", "党课", "安全生产"])
def test_postgresql_search_uses_the_bigram_index(library, tree, q):
    Material.objects.bulk_create([
        Material(title=f"资料{n}", body_text="日常工作记录", search_bigrams=bigram_document(f"资料{n} 日常工作记录"),
                 owner=tree.branch)
        for n in range(2000)
    ])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE materials_material")
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = search_materials(Material.objects.all(), q).query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "material_bigrams_gin" in plan, plan
    assert len(titles(q)) == 2


@on_postgresql
def test_postgresql_search_through_the_library_with_visibility(library, tree, client_for):
    page = client_for(tree.people.member).get(reverse("material_list"), {"q": "安全生产"}).content.decode()
    assert "安全生产月活动方案" in page and "驾驶员培训" in page and "车辆全生命周期管理" not in page


@on_postgresql
def test_the_database_check_finds_chinese_indexable(db):
    from materials.checks import text_search_sees_cjk

    assert text_search_sees_cjk(None, databases=["default"]) == []
