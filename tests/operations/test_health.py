import pytest

pytestmark = pytest.mark.django_db


def test_health_names_the_missing_workers_when_none_is_alive(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["workers"] == 0
    assert "workers" in body["down"]


def test_health_reports_a_broker_outage(client, settings, monkeypatch):
    monkeypatch.setattr("operations.health.broker_reachable", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert "broker" in response.json()["down"]


@pytest.mark.integration
def test_health_counts_a_live_worker_and_answers_ok(live_worker, client):
    import time

    from operations.workers import live_worker_count

    deadline = time.monotonic() + 30
    while live_worker_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json() == {"database": "ok", "broker": "ok", "workers": 1}
