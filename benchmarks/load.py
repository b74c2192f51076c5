"""The load client of the benchmarks: a separate process that sends GET requests on loopback.

    python benchmarks/load.py '{"base": "http://127.0.0.1:8123", "paths": ["/ping/"], "concurrency": 8,
                                "max_requests": 400, "max_seconds": 10, "warmup": 24, "headers": {}}'

Each of ``concurrency`` threads keeps one http.client connection (keep-alive
when the server offers it; gunicorn's sync workers close after every response
and the thread reconnects) and takes paths round-robin. A warm-up phase runs
first and is not counted. The measured phase stops at ``max_requests`` or
``max_seconds``, whichever comes first. Prints one JSON object: counts,
errors, median/p95/p99 latency in milliseconds and requests per second.
Any status other than 200, and any exception, is an error.
"""

import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit


def _phase(*, host, port, paths, headers, concurrency, max_requests, max_seconds, timeout):
    lock = threading.Lock()
    budget = [max_requests]
    samples: list[tuple[float, str]] = []
    deadline = time.perf_counter() + max_seconds

    def worker(offset: int):
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        mine = []
        index = offset
        while True:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            if time.perf_counter() >= deadline:
                break
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
            except (OSError, http.client.HTTPException) as exc:
                outcome = exc.__class__.__name__
                connection.close()
            mine.append((time.perf_counter() - started, outcome))
        connection.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started


def run(config: dict) -> dict:
    parts = urlsplit(config["base"])
    if parts.hostname not in {"127.0.0.1", "::1", "localhost"}:
        raise SystemExit("The load client only talks to loopback addresses.")
    common = dict(
        host=parts.hostname,
        port=parts.port,
        paths=config["paths"],
        headers={"Host": f"{parts.hostname}:{parts.port}", **config.get("headers", {})},
        concurrency=config.get("concurrency", 8),
        timeout=config.get("timeout", 30),
    )
    if config.get("warmup"):
        _phase(max_requests=config["warmup"], max_seconds=30, **common)
    samples, elapsed = _phase(max_requests=config.get("max_requests", 400), max_seconds=config["max_seconds"], **common)
    latencies = sorted(seconds * 1000 for seconds, _ in samples)
    outcomes: dict[str, int] = {}
    for _, outcome in samples:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    errors = sum(count for outcome, count in outcomes.items() if outcome != "200")
    result = {
        "requests": len(samples),
        "errors": errors,
        "outcomes": outcomes,
        "seconds": round(elapsed, 3),
        "requests_per_second": round(len(samples) / elapsed, 1) if elapsed else 0.0,
        "concurrency": common["concurrency"],
    }
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        result.update(
            median_ms=round(statistics.median(latencies), 2),
            p95_ms=round(cuts[94], 2),
            p99_ms=round(cuts[98], 2),
            max_ms=round(latencies[-1], 2),
        )
    return result


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
