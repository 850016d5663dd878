"""No Docker engine runs here: the compose file is parsed and its services checked."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command(service):
    value = service["command"]
    return " ".join(value) if isinstance(value, list) else value


def test_compose_starts_the_whole_stack():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name


def test_web_migrates_then_serves_with_gunicorn():
    web = compose()["services"]["web"]
    cmd = command(web)
    assert cmd.index("migrate") < cmd.index("gunicorn config.wsgi")
    assert web["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "/healthz/" in " ".join(web["healthcheck"]["test"])


def test_worker_and_exactly_one_beat_run_celery():
    services = compose()["services"]
    assert "celery -A config worker" in command(services["worker"])
    assert "-B" not in command(services["worker"]).split()
    beats = [name for name, s in services.items() if "command" in s and "beat" in command(s).split()]
    assert beats == ["beat"]


def test_app_services_read_database_and_redis_from_the_environment():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert "SECRET_KEY" in env


def test_data_lives_in_volumes():
    data = compose()
    assert {"pgdata", "media"} <= set(data["volumes"])
    assert "/var/lib/postgresql/data" in data["services"]["postgres"]["volumes"][0]


def test_dockerfile_installs_pinned_requirements_and_collects_static():
    text = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in text
    assert "collectstatic" in text
    assert "USER portal" in text


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
