import pytest

pytestmark = pytest.mark.django_db


def test_health_names_the_missing_workers_when_none_is_alive(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["workers"] == 0
    assert "workers" in body["down"]
