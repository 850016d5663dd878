from django.core.checks import Warning, register
from django.db import connections


@register("database")
def text_search_sees_cjk(app_configs, databases=None, **kwargs):
    """Warn when PostgreSQL's text-search parser drops CJK characters (a locale without
    them as letters), since the library's search index then finds nothing Chinese."""
    problems = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('simple', '党史 学习')::text, "
                           "(SELECT datctype FROM pg_database WHERE datname = current_database())")
            vector, ctype = cursor.fetchone()
        if "党史" not in vector:
            problems.append(Warning(
                f"Database {alias!r} (LC_CTYPE {ctype}) does not index CJK characters; "
                "create it with a UTF-8 locale such as C.UTF-8 so that materials can be searched.",
                id="materials.W001",
            ))
    return problems
