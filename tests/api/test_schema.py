"""The OpenAPI schema is valid, and requests generated from it never get a server error."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

CONTOH_PER_OPERASI = 25


def test_schema_valid(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


def test_docs_page_self_hosted(client, personas):
    html = client.get("/api/docs/").content.decode()
    assert "/api/docs/ui/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert client.get("/api/docs/ui/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200


def test_token_endpoint(client, personas):
    resp = client.post("/api/v1/token/", {"username": "admin", "password": "rahasia-uji-123"})
    assert resp.status_code == 200
    token = resp.json()["token"]
    resp = client.get("/api/v1/satker/", HTTP_AUTHORIZATION=f"Token {token}")
    assert resp.status_code == 200


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_finished, which closes the connection that
    holds the test transaction (on PostgreSQL); Django's test client disconnects it the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schemathesis_no_server_error(data, keep_test_connection):
    """Every operation, a few generated requests each, as an admin with data present."""
    token = Token.objects.create(user=data.admin)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    kepala = {"Authorization": f"Token {token.key}"}
    gagal, status = [], set()
    for hasil in schema.get_all_operations():
        operasi = hasil.ok()

        @settings(
            max_examples=CONTOH_PER_OPERASI,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operasi.as_strategy())
        def coba(case):
            resp = case.call(headers=kepala)
            status.add(resp.status_code)
            if resp.status_code >= 500:
                gagal.append((case.method, case.formatted_path, case.body, resp.text[:300]))

        coba()
    assert not gagal, gagal
    assert {200, 400, 404} <= status
