"""The HTTP API against its own OpenAPI schema: schemathesis generates requests from the schema
(valid and invalid parameters), sends them in-process (ASGI) and checks every answer: never a
server error, always the documented status codes, bodies and content types.

Bounded: a fixed number of examples per operation, no shrinking deadline, so the whole file takes
well under a minute on the example corpus.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from presslens.api import create_app
from presslens.store import Store

EXAMPLES_PER_OPERATION = 15  # about 20 operations: ~300 cases in all


def _openapi() -> dict:
    """The app's schema, read at collection from an app over an empty store (the schema does not
    depend on the data; the requests go to the example corpus's app below)."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        Store(db)
        return create_app(db).openapi()


schema = schemathesis.openapi.from_dict(_openapi())


@pytest.fixture(scope="module")
def app(corpus_db: Path) -> FastAPI:
    return create_app(corpus_db)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_matches_the_schema(case, app: FastAPI) -> None:
    case.call_and_validate(app=app)


# ---- what the generated requests found, pinned as plain cases ----------------------------


def test_a_date_parameter_must_be_an_iso_day(app: FastAPI) -> None:
    client = TestClient(app)
    for url in ("/api/quotes?until=0", "/api/documents?since=20240301", "/api/timeline?since="):
        answer = client.get(url)
        assert answer.status_code == 422, url
        assert "ISO date" in answer.json()["error"]["message"]
    assert client.get("/api/quotes?since=2024-03-01").status_code == 200


def test_a_search_with_a_nul_character_is_a_search_not_a_server_error(app: FastAPI) -> None:
    answer = TestClient(app).get("/api/documents", params={"q": "ceasefire\x00talks"})
    assert answer.status_code == 200
    assert (
        answer.json()["items"]
        == TestClient(app).get("/api/documents", params={"q": "ceasefire talks"}).json()["items"]
    )


def test_a_write_route_answers_options_with_its_own_method(app: FastAPI) -> None:
    answer = TestClient(app).options("/api/entities/merge")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
