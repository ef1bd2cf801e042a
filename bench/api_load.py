"""A bounded load on `presslens serve` over 127.0.0.1: N concurrent clients for S seconds.

    python bench/api_load.py --db FILE [--clients 20] [--seconds 20] [--port 8765]

Starts `presslens serve` in a child process on the store, waits for it to answer (the first
request reads the store), then runs `--clients` threads, each an httpx client looping over a
fixed set of real list, detail and search URLs without pause, for `--seconds`. Prints p50/p95
per group and the error count. The goal (docs/api.md): p95 <= 100 ms for list and detail,
<= 300 ms for search, zero errors, on the 2,000-document store of bench/throughput.py.
Client and server share the machine: on a loaded machine the figures include the wait for CPU.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent


def _urls(base: str) -> dict[str, list[str]]:
    def get(path: str) -> list[dict]:
        response = httpx.get(base + path, timeout=300)
        return response.json()["items"] if response.status_code == 200 else []

    docs = [d["id"] for d in get("/api/documents?limit=20")]
    entities = [e["id"] for e in get("/api/entities?limit=10")]
    clusters = [c["id"] for c in get("/api/clusters?limit=3")]
    events = [e["id"] for e in get("/api/events?limit=3")]
    return {
        "list": [
            "/api/quotes?limit=50",
            "/api/documents?limit=50",
            "/api/entities?limit=50",
            "/api/clusters?min_outlets=2",
            "/api/events?limit=50",
            "/api/timeline",
            "/api/framing",
            "/api/network",
        ],
        "detail": [f"/api/documents/{d}" for d in docs[:10]]
        + [f"/api/entities/{e}" for e in entities]
        + [f"/api/clusters/{c}" for c in clusters]
        + [f"/api/events/{e}" for e in events],
        "search": ["/api/documents?q=ambush", "/api/documents?q=ceasefire talks"],
        "page": ["/", f"/entities/{entities[0]}", f"/documents/{docs[0]}", "/quotes"],
    }


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _client_process(args: tuple) -> tuple[dict[str, list[float]], list]:
    """`threads` clients in one process (so the clients are not serialised on one GIL)."""
    base, urls, threads, first, seconds = args
    times: dict[str, list[float]] = {group: [] for group, _ in urls}
    errors: list[tuple[str, int]] = []

    def worker(k: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                group, url = urls[k % len(urls)]
                k += 1
                started = time.perf_counter()
                status = client.get(url).status_code
                times[group].append(1000 * (time.perf_counter() - started))
                if status != 200:
                    errors.append((url, status))

    pool = [threading.Thread(target=worker, args=(first + i * 7,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return times, errors


def run_load(base: str, clients: int, seconds: float, processes: int = 4) -> dict[str, list[float]]:
    groups = {}
    for group, members in _urls(base).items():  # each URL once: the load measures steady state
        answered = [u for u in members if httpx.get(base + u, timeout=300).status_code == 200]
        if len(answered) < len(members):
            print(f"{group}: left out (no 200): {sorted(set(members) - set(answered))}")
        if answered:
            groups[group] = answered
    urls = [(group, url) for group, members in groups.items() for url in members]
    processes = max(1, min(processes, clients))
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    jobs = [(base, urls, n, 11 * i, seconds) for i, n in enumerate(shares)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.map(_client_process, jobs)
    times: dict[str, list[float]] = {group: [] for group in groups}
    errors: list = []
    for part, failed in results:
        for group, values in part.items():
            times[group] += values
        errors += failed
    print(f"{clients} clients ({processes} processes) for {seconds:.0f} s; errors: {len(errors)}")
    for group, values in times.items():
        print(
            f"{group:7} n={len(values):5}  p50 {statistics.median(values):6.1f} ms"
            f"  p95 {_percentile(values, 95):6.1f} ms  max {max(values):7.1f} ms"
        )
    return times


def _wait_until_up(base: str, process: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"presslens serve exited with {process.returncode}")
        try:
            if httpx.get(base + "/api", timeout=300).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.5)
    raise SystemExit("presslens serve did not answer in time")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), -1 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_mb(pid: int) -> str:
    """The process's resident memory now and at its peak (Linux /proc), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "unknown"
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if "kB" in line}
    return f"RSS {kb.get('VmRSS', 0) / 1024:.0f} MB (peak {kb.get('VmHWM', 0) / 1024:.0f} MB)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    command = [sys.executable, "-c", "from presslens.cli import main; main()"]
    command += ["serve", "--db", str(args.db)]
    command += ["--port", str(args.port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{args.port}"
    try:
        started = time.perf_counter()
        _wait_until_up(base, server)
        print(f"first answer (reads the store): {time.perf_counter() - started:.1f} s")
        print(f"server memory after the first answer: {_memory_mb(server.pid)}")
        cpu_before = _cpu_seconds(server.pid)
        times = run_load(base, args.clients, args.seconds, args.processes)
        served = sum(len(v) for v in times.values())
        cpu = _cpu_seconds(server.pid) - cpu_before
        if served and cpu >= 0:
            print(
                f"server CPU: {1000 * cpu / served:.2f} ms per request ({served} requests;"
                " the rest of each latency is waiting for a CPU shared with the clients)"
            )
        print(f"server memory after the load: {_memory_mb(server.pid)}")
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
