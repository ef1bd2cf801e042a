"""Latency of the HTTP API's list, detail and search endpoints, in-process (FastAPI TestClient).

    python bench/api_latency.py [--db FILE] [--requests 200]

Without --db, analyses examples/corpus into a temporary store first. Prints the time to read
the store into the API (the first request pays it, and every request after the store changes),
then p50/p95 per endpoint group (`--requests` requests per group, spread over its URLs).
In-process, one client at a time: this measures the app, not uvicorn or the network; the
"floor" line is a near-empty response, i.e. what the test client and event loop cost alone.
CPU time (client and app share this process) is printed beside wall-clock time because it
hardly moves when other processes load the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def _urls(client) -> dict[str, list[str]]:
    """A few real URLs of each kind, taken from the store being measured."""
    docs = client.get("/api/documents?limit=20").json()["items"]
    entities = client.get("/api/entities?limit=10").json()["items"]
    clusters = client.get("/api/clusters?limit=10").json()["items"]
    outlet = docs[0]["outlet"] or ""
    return {
        "floor": ["/api"],  # a tiny response: what the in-process client itself costs
        "list": [
            "/api/documents?limit=50",
            f"/api/documents?outlet={outlet}&limit=50",
            "/api/entities?limit=50&type=PERSON",
            "/api/quotes?limit=50",
            f"/api/quotes?speaker={entities[0]['id']}&limit=50",
            "/api/clusters?limit=50&min_outlets=2",
            "/api/timeline?limit=50",
            "/api/framing?limit=50",
            "/api/network?limit=50",
        ],
        "detail": [f"/api/documents/{d['id']}" for d in docs[:5]]
        + [f"/api/entities/{e['id']}" for e in entities[:5]]
        + [f"/api/clusters/{c['id']}" for c in clusters[:3]],
        "search": ["/api/documents?q=ambush", "/api/documents?q=ceasefire talks"],
    }


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def measure(db: Path, requests: int) -> None:
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    with TestClient(create_app(db)) as client:
        started = time.perf_counter()
        client.get("/api")
        print(f"read the store into the API: {1000 * (time.perf_counter() - started):.0f} ms")
        groups = _urls(client)
        for urls in groups.values():  # warm the lazily built indexes (network, framing, ...)
            for url in urls:
                client.get(url)
        _report(client, groups, requests)


def _report(client, groups: dict[str, list[str]], requests: int) -> None:
    print("         wall clock: p50 / p95 / max     CPU of this process: p50 / p95 (ms)")
    for name, urls in groups.items():
        wall, cpu = [], []
        for i in range(requests):
            url = urls[i % len(urls)]
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - started_cpu))
            assert response.status_code == 200, (url, response.text[:200])
        print(
            f"{name:7} n={len(wall):4}  {statistics.median(wall):6.1f} / {_percentile(wall, 95):6.1f}"
            f" / {max(wall):6.1f}      {statistics.median(cpu):6.1f} / {_percentile(cpu, 95):6.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an analysed store (default: examples/corpus)")
    parser.add_argument("--requests", type=int, default=200, help="per group")
    args = parser.parse_args(argv)
    if args.db:
        measure(args.db, args.requests)
        return 0
    from presslens.pipeline import analyze

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        analyze([HERE.parent / "examples" / "corpus"], db)
        measure(db, args.requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
