"""Settings come from the environment; the production path refuses the development key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def read_settings(**env):
    """Import config.settings in a fresh interpreter with the given environment."""
    code = (
        "import json, config.settings as s;"
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        "'cache': s.CACHES['default']['BACKEND'], 'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG,"
        "'hosts': s.ALLOWED_HOSTS, 'csrf': s.CSRF_TRUSTED_ORIGINS, 'email': s.EMAIL_BACKEND,"
        "'storage': s.STORAGES['default']['BACKEND'], 'tz': s.TIME_ZONE, 'lang': s.LANGUAGE_CODE,"
        "'sqlite_opts': s.DATABASES['default'].get('OPTIONS', {})}))"
    )
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "S3_BUCKET",
                          "EMAIL_URL", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT,
                            capture_output=True, text=True)
    return result


def test_defaults_are_the_embedded_ones():
    import json

    result = read_settings(SECRET_KEY="k")
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("var/db.sqlite3")
    assert values["sqlite_opts"]["transaction_mode"] == "IMMEDIATE"
    assert values["sqlite_opts"]["timeout"] >= 5
    assert values["broker"] == "filesystem://"
    assert values["cache"].endswith("FileBasedCache")
    assert values["email"].endswith("console.EmailBackend")
    assert values["tz"] == "Asia/Shanghai"
    assert values["lang"] == "zh-hans"


def test_production_values_come_from_the_environment():
    import json

    result = read_settings(
        SECRET_KEY="k", DATABASE_URL="postgres://u:p@db:5432/portal", REDIS_URL="redis://cache:6379/0",
        ALLOWED_HOSTS="dj.example.com,www.example.com", CSRF_TRUSTED_ORIGINS="https://dj.example.com",
        EMAIL_URL="smtp+tls://user:pass@mail.example.com:587", S3_BUCKET="uploads",
    )
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["name"] == "portal"
    assert values["cache"].endswith("RedisCache")
    assert values["broker"] == "redis://cache:6379/0"
    assert values["hosts"] == ["dj.example.com", "www.example.com"]
    assert values["csrf"] == ["https://dj.example.com"]
    assert values["email"].endswith("smtp.EmailBackend")
    assert values["storage"] == "storages.backends.s3.S3Storage"


def test_production_refuses_the_development_secret_key():
    result = read_settings()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_ci_runs_on_postgresql_and_redis():
    """In CI the suite must run against the machine's real PostgreSQL and Redis."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.skip("only checked in CI")
    assert connection.vendor == "postgresql"
    assert settings.REDIS_URL.startswith("redis://")
    import redis

    assert redis.Redis.from_url(settings.REDIS_URL).ping()
