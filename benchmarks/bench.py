"""Benchmarks of the Exchange Portal. Never part of `make test`.

    make bench                                  # demo size
    make bench BENCH_ARGS="--size large"        # 1,000 cities, 20,000 exchanges, 500,000 sessions (PostgreSQL)
    make bench BENCH_ARGS="--load"              # also 100 clients for 60 s on the agenda and feed URLs

Steps: (1) drop and recreate the database ep_bench_<size> with psql, migrate
and seed it (the Dakar–Montréal demo; at the large size, plus the generated
data set of benchmarks/seed.py), timing each part; (2) count the SQL queries
of every page in this process (django.test.Client + CaptureQueriesContext,
warm, against the same database); (3) serve the portal with gunicorn on
127.0.0.1 with production settings; (4) load every page from a separate
process (benchmarks/load.py) at concurrency 8; (5) optionally the load run;
(6) the report-rendering hook; (7) print a table and write
benchmarks/results.json and docs/benchmarks.md.

Pages live in one list, PAGES: a page whose URL name does not resolve yet is
printed as "not built yet" and measured as soon as its branch lands.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

RESULTS_JSON = HERE / "results.json"
RESULTS_MD = ROOT / "docs" / "benchmarks.md"
WORK_DIR = HERE / "results"  # logs and SQLite files; ignored by git
DEMO_SLUG = "dakar-montreal-2017"
DELEGATE = "delegate@example.org"
RPS_TARGET = 0.3  # the agenda's requests per second at concurrency 8, at least this fraction of the floor's
COLD_REQUESTS = 15  # sequential requests, each right after a change, for a cold row


@dataclass(frozen=True)
class Page:
    """One measured page. ``kwargs`` builds the URL arguments from the demo subjects
    (``exchange``, ``person``, ``city``, ``user``)."""

    label: str
    url_name: str
    kwargs: Callable[[SimpleNamespace], dict] = field(default=lambda s: {})
    query: str = ""
    as_delegate: bool = False
    target: float | None = None  # the page's median at most this many times the floor's (issue 16's table)
    cold: bool = False  # measured right after a change to the demo exchange (sequential requests)
    method: str = "GET"  # POST: measured sequentially with a CSRF token (the load client only GETs)
    rps: bool = False  # its requests per second at concurrency 8 are held to ≥ RPS_TARGET × the floor's
    load: bool = False  # part of the --load run
    load_fallback: bool = False  # in the --load run while no `load` page is built
    floor: bool = False
    note: str = ""  # printed under the tables: why a figure is what it is

    @property
    def sequential(self) -> bool:
        return self.cold or self.method != "GET"


HOME_NOTE = (
    "Home shows two lists (upcoming, recent) with a prefetch of visiting cities each. At the demo size the "
    "upcoming list is empty (the demo exchange, public in the bench database, took place in 2017); Django runs no "
    "prefetch query for an empty list, hence one query fewer than at the large size, where both lists are full "
    "(20 rows each). The count does not grow with the rows (tests/test_scale_queries.py)."
)


def exchange_slug(subject):
    return {"slug": subject.exchange.slug}


def feed_token(subject):
    return {"token": subject.person.feed_token}


def city_slug(subject):
    return {"slug": subject.city.slug}


def demo_session(subject):
    return {"slug": subject.exchange.slug, "pk": subject.session.pk}


COLD_NOTE = (
    "Cold rows: each request follows a change to the demo exchange (one session's title saved, which grows the "
    "exchange's content version), so every cached fragment of it is stale; requests are sequential (one at a "
    "time), and their × floor divides by the floor measured the same way (sequential /ping/). Their queries "
    "column is the warm count."
)
PDF_NOTE = (
    "The PDF request is a POST (the agenda PDF, as the delegate asks for it from the agenda page), sent one at a "
    "time with a CSRF token; the first one renders the PDF (no broker in the benchmark: in-process), the measured "
    "ones find the finished job by its fingerprint and answer with a redirect to it, as a second visitor's would."
)


# One line per page. Pages of branches still in progress are measured as soon as their URL name
# resolves; if a branch names its URL differently, change the name here. Targets: issue 16's table.
# fmt: off
PAGES = [
    Page("no-database floor", "ping", floor=True),
    Page("home (anonymous)", "home", target=10, note=HOME_NOTE),
    Page("home (delegate)", "home", as_delegate=True, target=10, load_fallback=True, note=HOME_NOTE),
    Page("exchange page", "exchanges:detail", exchange_slug, as_delegate=True, target=10, load_fallback=True),
    Page("exchange agenda (anonymous)", "exchanges:agenda", exchange_slug, target=5, rps=True, load=True),
    Page("exchange agenda (delegate)", "exchanges:agenda", exchange_slug, as_delegate=True, target=5, rps=True,
         load=True),
    Page("exchange agenda, cold", "exchanges:agenda", exchange_slug, as_delegate=True, target=15, cold=True,
         note=COLD_NOTE),
    Page("session page", "exchanges:session_detail", demo_session, as_delegate=True, target=4),
    Page("session page, cold", "exchanges:session_detail", demo_session, as_delegate=True, cold=True),
    Page("my agenda", "exchanges:my_agenda", as_delegate=True, target=10, load=True),
    Page("my agenda, cold", "exchanges:my_agenda", as_delegate=True, cold=True),
    Page("calendar feed (personal)", "exchanges:personal_feed", feed_token, target=4, load=True),
    Page("calendar feed (personal), cold", "exchanges:personal_feed", feed_token, cold=True),
    Page("calendar feed (exchange)", "exchanges:agenda_ics", exchange_slug, as_delegate=True, target=4, load=True),
    Page("calendar feed (exchange), cold", "exchanges:agenda_ics", exchange_slug, as_delegate=True, cold=True),
    Page("city profile", "cities:city_detail", city_slug, target=10),
    Page("search", "search", query="q=Montr%C3%A9al", as_delegate=True, target=10),
    Page("PDF request (agenda)", "reports:agenda_pdf", exchange_slug, as_delegate=True, method="POST", target=5,
         note=PDF_NOTE),
]
# fmt: on


# -- set-up -----------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--size", choices=["demo", "large"], default="demo")
    parser.add_argument("--load", action="store_true", help="also run 100 clients for 60 s on the agenda and feed URLs")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded ep_bench_<size> (PostgreSQL)")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL (no database name), or 'sqlite' (demo size only)",
    )
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_NAME", ""),
        help="name of the bench database (default ep_bench_<size>); lets two checkouts bench side by side",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the large data set (to try the seeding)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="at most this many measured requests per page")
    parser.add_argument("--seconds", type=float, default=10.0, help="at most this long per page")
    parser.add_argument(
        "--no-reports", action="store_true", help="skip the report-rendering figures (keeps the last run's)"
    )
    parser.add_argument("--load-clients", type=int, default=100)
    parser.add_argument("--load-seconds", type=float, default=60.0)
    return parser.parse_args(argv)


def production_environment(database_url: str) -> dict:
    """The settings gunicorn gets (and this process too, so sessions and query counts match)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "CACHE_", "DATABASE_", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="exchange_portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        BEHIND_PROXY="false",
        STATIC_MANIFEST="false",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    return env


def psql(server: str, sql: str, *, database: str = "postgres") -> str:
    if not shutil.which("psql"):
        raise SystemExit(
            "psql is not installed: the benchmarks create their database with it (Debian: postgresql-client)."
        )
    result = subprocess.run(
        ["psql", f"{server.rstrip('/')}/{database}", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"psql failed on {sql!r}: {result.stderr.strip()}")
    return result.stdout.strip()


def database_for(args) -> tuple[str, str]:
    """(name, DATABASE_URL) of the bench database; refuses the large size on SQLite."""
    name = args.database or f"ep_bench_{args.size}"
    if args.server.startswith("sqlite"):
        if args.size == "large":
            raise SystemExit(
                "The large data set needs PostgreSQL (it is written with COPY and holds 500,000 sessions). "
                "Leave --server at its default (postgres://postgres@127.0.0.1:5432) or set BENCH_DATABASE_SERVER, "
                "or run --size demo on SQLite."
            )
        WORK_DIR.mkdir(exist_ok=True)
        return name, f"sqlite:///{WORK_DIR / (name + '.sqlite3')}"
    return name, f"{args.server.rstrip('/')}/{name}"


def previous_seeding(args, name: str) -> dict | None:
    """The seeding record of an existing, completely seeded bench database (stored as its comment)."""
    if args.server.startswith("sqlite"):
        return None
    comment = psql(
        args.server, f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'"
    )
    if comment.startswith("{"):
        return json.loads(comment)
    return None


def reset_database(args, name: str, url: str) -> None:
    if args.server.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    psql(args.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(args.server, f"CREATE DATABASE {name}")


def seed(args, name: str) -> dict:
    from django.core.management import call_command

    from exchanges.demo import load_demo
    from participants.models import Person

    record = {"size": args.size, "seeded_at": datetime.now(UTC).isoformat(timespec="seconds")}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    record["migrate_seconds"] = round(time.perf_counter() - started, 2)

    started = time.perf_counter()
    load_demo()
    record["demo_seconds"] = round(time.perf_counter() - started, 2)

    if args.size == "large":
        from seed import Seeder, analyze

        started = time.perf_counter()
        seeder = Seeder(scale=args.scale)
        record["scale"] = args.scale
        record.update(seeder.run(delegate_person=Person.objects.get(user__email=DELEGATE)))
        record["bulk_seconds"] = round(time.perf_counter() - started, 2)
        record["analyze_seconds"] = analyze()
    record["total_seconds"] = round(
        sum(record.get(k, 0) for k in ("migrate_seconds", "demo_seconds", "bulk_seconds", "analyze_seconds")), 2
    )
    if not args.server.startswith("sqlite"):
        text = json.dumps(record).replace("'", "''")
        psql(args.server, f"COMMENT ON DATABASE {name} IS '{text}'")
    return record


# -- pages --------------------------------------------------------------------------------------------


def subjects() -> SimpleNamespace:
    from django.contrib.auth import get_user_model

    from exchanges.models import Exchange

    user = get_user_model().objects.get(email=DELEGATE)
    exchange = Exchange.objects.select_related("host_city").get(slug=DEMO_SLUG)
    session = exchange.sessions.filter(confidentiality="public").order_by("start", "pk").first()
    return SimpleNamespace(user=user, person=user.person, exchange=exchange, city=exchange.host_city, session=session)


def prepare_database() -> None:
    """The demo exchange is made public in the bench database (the demo's is not), so that the anonymous rows
    (home, exchange agenda) show it as the public sees a public exchange."""
    from exchanges.models import Exchange

    Exchange.objects.filter(slug=DEMO_SLUG).update(is_public=True)


class ExchangeChanger:
    """Makes "a change to the exchange" before each cold request: one session's title saved, alternately with
    and without a trailing mark (a post_save of a session, as the agenda builder's save is); restored at the end."""

    def __init__(self, subject: SimpleNamespace):
        from exchanges.models import Session

        self.session = Session.objects.get(pk=subject.session.pk)
        self.original = self.session.title

    def __call__(self, index: int) -> None:
        self.session.title = self.original + (" ·" if index % 2 == 0 else "")
        self.session.save()

    def restore(self) -> None:
        self.session.title = self.original
        self.session.save()


def _url_name_known(url_name: str) -> bool:
    from django.urls import get_resolver

    resolver = get_resolver()
    *namespaces, name = url_name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return name in resolver.reverse_dict


def resolve(page: Page, subject: SimpleNamespace) -> str | None:
    """The page's URL, or None while its URL name does not exist."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(page.url_name, kwargs=page.kwargs(subject))
    except NoReverseMatch:
        if _url_name_known(page.url_name):
            raise SystemExit(
                f"The URL name {page.url_name!r} exists but not with the arguments PAGES gives it: "
                f"update its line in benchmarks/bench.py."
            ) from None
        return None
    return f"{url}?{page.query}" if page.query else url


def count_queries(url: str, client, *, repeat: int = 9, method: str = "GET") -> dict:
    """The page's SQL queries on a warm second request, as a gunicorn worker answers it in steady state."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send = client.post if method == "POST" else client.get
    send(url)
    with CaptureQueriesContext(connection) as captured:
        response = send(url)
    queries = len(captured)  # read now: the next request's request_started signal empties the query log
    # Service time without concurrency or HTTP: the median of a few sequential requests in this process.
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        send(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "queries": queries,
        "status": response.status_code,
        "bytes": len(response.content),
        "in_process_ms": round(statistics.median(timings), 2),
        # This process's CPU time for the request (Python side only, not the database server's): on a loaded
        # machine the wall-clock figures grow with the queue for the cores; this one much less.
        "in_process_cpu_ms": round(statistics.median(cpu), 2),
    }


# -- serving and loading --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict, workers: int, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "exchange_portal.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        command += ["--worker-class", "sync", "--error-logfile", str(log), "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/ping/", timeout=2) as response:
                    if response.read() == b"ok":
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmRSS" in fields:
                sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
        return sorted(sizes)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def load(base: str, paths: list[str], headers: dict, *, concurrency: int, requests: int, seconds: float) -> dict:
    """Run benchmarks/load.py in its own process and return its figures."""
    config = {
        "base": base,
        "paths": paths,
        "headers": headers,
        "concurrency": concurrency,
        "max_requests": requests,
        "max_seconds": seconds,
        "warmup": 3 * concurrency,
    }
    result = subprocess.run(
        [sys.executable, str(HERE / "load.py"), json.dumps(config)], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"the load client failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def sequential(base: str, path: str, headers: dict, *, requests: int, before=None, method: str = "GET") -> dict:
    """``requests`` requests one at a time (a new connection each, as gunicorn's sync workers close them), each
    after ``before(index)`` when given; 2xx and 3xx count as answers. Median, p95 and the slowest, in ms."""
    parts = urllib.parse.urlsplit(base)
    timings, errors = [], 0
    for index in range(requests):
        if before is not None:
            before(index)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=b"" if method == "POST" else None, headers=headers)
            response = connection.getresponse()
            response.read()
            errors += not 200 <= response.status < 400
        except (OSError, http.client.HTTPException):
            errors += 1
        timings.append((time.perf_counter() - started) * 1000)
        connection.close()
    timings.sort()
    return {
        "requests": requests,
        "errors": errors,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "max_ms": round(timings[-1], 2),
        "sequential": True,
    }


# -- report rendering (issue 5) -----------------------------------------------------------------------


def report_rendering_hook(subject: SimpleNamespace, size: str) -> dict | None:
    """HOOK for the reports branch: PDF render time and peak worker memory for the demo report and a
    50-page report, and worker memory after 200 renders.

    benchmarks/report_render.py (written on the reports branch) provides
    ``run(*, exchange, size) -> dict`` of figures, e.g. ``demo_render_seconds``,
    ``demo_peak_rss_mb``, ``fifty_page_render_seconds``, ``fifty_page_peak_rss_mb``,
    ``rss_after_200_renders_mb``; this function prints them and stores them in
    the results. Targets: demo report ≤ about 1 s; memory flat over 200 renders.
    """
    try:
        import report_render
    except ImportError:
        print("reports not built yet")
        return None
    figures = report_render.run(exchange=subject.exchange, size=size)
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures


# -- machine and output ------------------------------------------------------------------------------


def machine() -> dict:
    import django
    from django.db import connection

    meminfo = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines() if ":" in line)
    cpu_model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    import gunicorn

    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model,
        "memory_gb": round(int(meminfo["MemTotal"].split()[0]) / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "gunicorn": gunicorn.__version__,
    }


def ratio(row: dict, floor: dict | None) -> float | None:
    if not floor or "median_ms" not in row or not floor.get("median_ms"):
        return None
    return round(row["median_ms"] / floor["median_ms"], 2)


def print_table(run: dict) -> None:
    print()
    print(
        f"{'page':32} {'queries':>7} {'alone ms':>9} {'cpu ms':>7} {'median ms':>10} {'p95 ms':>8} {'req/s':>7} "
        f"{'× floor':>8}  target"
    )
    for row in run["pages"]:
        if row.get("not_built"):
            print(f"{row['label']:32} {'':>7} {'not built yet':>10}")
            continue
        rps = "seq." if row.get("sequential") else f"{row.get('requests_per_second', 0):.1f}"
        print(
            f"{row['label']:32} {row['queries']:>7} {row['in_process_ms']:>9.2f} "
            f"{row.get('in_process_cpu_ms', 0):>7.2f} {row.get('median_ms', 0):>10.2f} "
            f"{row.get('p95_ms', 0):>8.2f} {rps:>7} {row.get('ratio') or 1:>8.2f}  {row.get('target', '')}"
        )
    floor = run.get("sequential_floor")
    if floor:
        label = "floor, sequential (seq. rows)"
        print(f"{label:32} {0:>7} {'':>9} {'':>7} {floor['median_ms']:>10.2f} {floor['p95_ms']:>8.2f}")


def write_results(run: dict) -> dict:
    results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    previous = results.get(run["size"]) or {}
    if run.get("reports") is None and previous.get("reports"):
        run["reports"] = previous["reports"]
        run["reports_from"] = previous.get("reports_from") or previous.get("finished_at")
    results[run["size"]] = run
    RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    RESULTS_MD.write_text(markdown(results))
    return results


def markdown(results: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`benchmarks/bench.py`); do not edit by hand. Re-run with",
        '`make bench` (demo size) or `make bench BENCH_ARGS="--size large"` (add `--load` for the load run).',
        "",
        "Each page is served by gunicorn (sync workers, production settings, `DEBUG=false`) on 127.0.0.1 and",
        "loaded from a separate process at concurrency 8. Query counts come from the same database in the",
        "benchmark process (warm, second request); *alone ms* is the median of nine sequential requests in that",
        "process (no HTTP, no concurrency: the page's own cost), *alone CPU ms* that process's CPU time for it (Python",
        "only; it grows much less than the wall clock when other work queues for the cores). *× floor* is the page's",
        "median latency divided by the",
        "median of `/ping/`, a Django view that touches no database, measured the same way in the same run: at",
        "concurrency 8 for most rows; one request at a time for the rows marked *seq.* (cold rows, each right after a",
        "change to the exchange, and the PDF request, a POST). Warm rows are measured after a first request filled",
        "the caches. Targets (issue 16): exchange agenda ≤ 5 × warm, ≤ 15 × cold; feeds and the session page ≤ 4 ×;",
        "My agenda, home, exchange page, city profile and search ≤ 10 ×; the PDF request ≤ 5 ×; the agenda's",
        "requests per second at concurrency 8 ≥ 0.3 × the floor's; the same query count at the demo and large sizes.",
        "The machine is shared (2 cores, other work running): see the load average, and read the figures as noisy.",
    ]
    for size in ("demo", "large"):
        run = results.get(size)
        if not run:
            continue
        m = run["machine"]
        seeding = run["seeding"]
        lines += [
            "",
            f"## {size.capitalize()} size — {run['finished_at']}",
            "",
            f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB memory, {m['os']}; Python {m['python']}, "
            f"Django {m['django']}, {m['database']}, gunicorn {m['gunicorn']} with {run['workers']} sync workers; "
            + (
                f"load average at start {', '.join(str(x) for x in m['load_average_at_start'])}; "
                if m.get("load_average_at_start")
                else ""
            )
            + f"load average at the end {', '.join(str(x) for x in m.get('load_average_at_end', []))}.",
            "",
            f"Seeding: {seeding['total_seconds']} s in all (migrate {seeding['migrate_seconds']} s, demo "
            f"{seeding['demo_seconds']} s"
            + (
                f", bulk COPY {seeding['bulk_seconds']} s, VACUUM ANALYZE {seeding['analyze_seconds']} s"
                if "bulk_seconds" in seeding
                else ""
            )
            + ")."
            + (" Database reused from an earlier run (`--reuse`)." if run.get("reused") else ""),
        ]
        if "rows" in seeding:
            main = {
                k: v
                for k, v in seeding["rows"].items()
                if k
                in {
                    "cities_city",
                    "exchanges_exchange",
                    "exchanges_session",
                    "participants_person",
                    "exchanges_delegation",
                    "exchanges_membership",
                    "exchanges_session_presenters",
                    "exchanges_venue",
                }
            }
            lines += ["", "Rows written: " + ", ".join(f"{k} {v:,}" for k, v in main.items()) + "."]
        lines += [
            "",
            "| page | URL | queries | alone ms | alone CPU ms | median ms | p95 ms | req/s | × floor | target |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
        ]
        for row in run["pages"]:
            if row.get("not_built"):
                lines.append(f"| {row['label']} | `{row['url_name']}` | | | | | | | | not built yet |")
                continue
            method = "POST " if row.get("method") == "POST" else ""
            rps = "seq." if row.get("sequential") else row.get("requests_per_second", "")
            lines.append(
                f"| {row['label']} | {method}`{row['url']}` | {row['queries']} | {row.get('in_process_ms', '')} | "
                f"{row.get('in_process_cpu_ms', '')} | {row.get('median_ms', '')} | "
                f"{row.get('p95_ms', '')} | {rps} | {row.get('ratio') or 1} | "
                f"{row.get('target', '')} |"
            )
        if run.get("sequential_floor"):
            floor = run["sequential_floor"]
            lines.append(
                f"| floor, one request at a time (for the *seq.* rows) | `/ping/` | 0 | | | {floor['median_ms']} | "
                f"{floor['p95_ms']} | seq. | 1 | |"
            )
        if run.get("worker_rss_mb"):
            lines += ["", f"gunicorn worker memory after the run: {', '.join(map(str, run['worker_rss_mb']))} MB."]
        if run.get("load"):
            load_run = run["load"]
            lines += [
                "",
                f"Load run: {load_run['concurrency']} clients for {load_run.get('requested_seconds', 60):g} s "
                f"({load_run['seconds']} s with the requests in flight) on "
                f"{', '.join(f'`{p}`' for p in load_run['paths'])}: {load_run['requests']} requests, "
                f"**{load_run['errors']} errors**, {load_run['requests_per_second']} req/s, median "
                f"{load_run.get('median_ms')} ms, p95 {load_run.get('p95_ms')} ms, p99 {load_run.get('p99_ms')} ms.",
            ]
        reports_from = f" (from the run of {run['reports_from']})" if run.get("reports_from") else ""
        lines += [
            "",
            f"Report rendering{reports_from}: "
            + (json.dumps(run["reports"]) if run.get("reports") else "not built yet."),
        ]
    if "demo" in results and "large" in results:
        lines += ["", "## Query counts: demo and large", "", "| page | demo | large | same |", "|---|--:|--:|---|"]
        large = {row["label"]: row for row in results["large"]["pages"]}
        for row in results["demo"]["pages"]:
            other = large.get(row["label"], {})
            if row.get("not_built") or other.get("not_built") or not other:
                continue
            same = "yes" if row["queries"] == other["queries"] else "**no**"
            lines.append(f"| {row['label']} | {row['queries']} | {other['queries']} | {same} |")
    notes = {page.note for page in PAGES if page.note}
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in sorted(notes)]
    return "\n".join(lines) + "\n"


# -- main ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    name, url = database_for(args)
    env = production_environment(url)
    os.environ.clear()
    os.environ.update(env)

    record = previous_seeding(args, name) if args.reuse else None
    reused = record is not None and record.get("size") == args.size and record.get("scale", 1.0) == args.scale
    if not reused:
        print(f"Creating {name} and seeding the {args.size} data set…", flush=True)
        reset_database(args, name, url)

    import django

    # WhiteNoise warns that there is no collectstatic output; the benchmarks measure pages, not static files.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    if not reused:
        record = seed(args, name)
    else:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)  # a reused database follows new migrations
    prepare_database()
    print(f"Seeding: {record['total_seconds']} s" + (" (reused)" if reused else ""), flush=True)

    from django.conf import settings
    from django.test import Client

    subject = subjects()
    anonymous = Client(HTTP_HOST="127.0.0.1")
    delegate = Client(HTTP_HOST="127.0.0.1")
    delegate.force_login(subject.user)
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={delegate.cookies[settings.SESSION_COOKIE_NAME].value}"}

    # A CSRF secret of our own for the POST rows: Django takes the cookie's secret back in the X-CSRFToken header.
    csrf_secret = secrets.token_hex(16)
    post_headers = {
        **cookie,
        "Cookie": f"{cookie['Cookie']}; {settings.CSRF_COOKIE_NAME}={csrf_secret}",
        "X-CSRFToken": csrf_secret,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    changer = ExchangeChanger(subject)

    rows = []
    for page in PAGES:
        page_url = resolve(page, subject)
        row = {"label": page.label, "url_name": page.url_name, "target_ratio": page.target, "cold": page.cold}
        if page_url is None:
            print(f"{page.label}: not built yet", flush=True)
            rows.append({**row, "not_built": True})
            continue
        client = delegate if page.as_delegate else anonymous
        row.update(url=page_url, method=page.method, **count_queries(page_url, client, method=page.method))
        rows.append(row)

    WORK_DIR.mkdir(exist_ok=True)
    server = Gunicorn(env, args.workers, WORK_DIR / f"gunicorn-{args.size}.log")
    errors = 0
    try:
        server.wait_ready()
        for page, row in zip(PAGES, rows, strict=True):
            if row.get("not_built") or page.sequential:
                continue
            print(f"Loading {row['label']} ({row['url']})…", flush=True)
            figures = load(
                server.base,
                [row["url"]],
                cookie if page.as_delegate else {},
                concurrency=args.concurrency,
                requests=args.requests,
                seconds=args.seconds,
            )
            row.update(figures)
            errors += figures["errors"] + (row["status"] != 200)
        # The sequential rows (cold, POST) and the floor measured the same way, for their multiples.
        print("Sequential floor (/ping/ one at a time)…", flush=True)
        sequential_floor = sequential(server.base, "/ping/", {}, requests=4 * COLD_REQUESTS)
        try:
            for page, row in zip(PAGES, rows, strict=True):
                if row.get("not_built") or not page.sequential:
                    continue
                print(f"Sequential {row['label']} ({page.method} {row['url']})…", flush=True)
                headers = post_headers if page.method == "POST" else cookie if page.as_delegate else {}
                figures = sequential(
                    server.base,
                    row["url"],
                    headers,
                    requests=COLD_REQUESTS if page.cold else 2 * COLD_REQUESTS,
                    before=changer if page.cold else None,
                    method=page.method,
                )
                row.update(figures)
                errors += figures["errors"] + (row["status"] >= 400)
        finally:
            changer.restore()
        floor = next((row for page, row in zip(PAGES, rows, strict=True) if page.floor and "median_ms" in row), None)
        for page, row in zip(PAGES, rows, strict=True):
            if row.get("not_built"):
                continue
            row["ratio"] = ratio(row, sequential_floor if page.sequential else floor)
            if page.target is not None and row["ratio"] is not None:
                verdict = "met" if row["ratio"] <= page.target else "missed"
                row["target"] = f"≤ {page.target:g} × floor: {verdict}"
            if page.rps and floor and row.get("requests_per_second") and floor.get("requests_per_second"):
                row["rps_ratio"] = round(row["requests_per_second"] / floor["requests_per_second"], 3)
                verdict = "met" if row["rps_ratio"] >= RPS_TARGET else "missed"
                row["target"] = (
                    f"{row.get('target', '')}; req/s {row['rps_ratio']:g} × floor's (≥ {RPS_TARGET:g}): {verdict}"
                ).lstrip("; ")
        load_run = None
        if args.load:
            built = [(page, row) for page, row in zip(PAGES, rows, strict=True) if not row.get("not_built")]
            chosen = [(p, r) for p, r in built if p.load] or [(p, r) for p, r in built if p.load_fallback]
            paths = [row["url"] for _, row in chosen]
            print(
                f"Load run: {args.load_clients} clients for {args.load_seconds:g} s on {', '.join(paths)}…", flush=True
            )
            load_run = load(
                server.base,
                paths,
                cookie,
                concurrency=args.load_clients,
                requests=10**9,
                seconds=args.load_seconds,
            )
            load_run["paths"] = paths
            load_run["requested_seconds"] = args.load_seconds
            errors += load_run["errors"]
        worker_rss = server.worker_rss_mb()
    finally:
        server.stop()

    reports = None if args.no_reports else report_rendering_hook(subject, args.size)
    run = {
        "size": args.size,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**machine(), "load_average_at_start": load_at_start},
        "workers": args.workers,
        "concurrency": args.concurrency,
        "seeding": record,
        "reused": reused,
        "pages": rows,
        "worker_rss_mb": worker_rss,
        "sequential_floor": sequential_floor,
        "load": load_run,
        "reports": reports,
        "errors": errors,
    }
    run["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print_table(run)
    if load_run:
        print(
            f"\nLoad run: {load_run['requests']} requests, {load_run['errors']} errors, "
            f"{load_run['requests_per_second']} req/s, median {load_run.get('median_ms')} ms, "
            f"p95 {load_run.get('p95_ms')} ms"
        )
    results = write_results(run)
    if "demo" in results and "large" in results:
        large = {row["label"]: row for row in results["large"]["pages"]}
        for row in results["demo"]["pages"]:
            other = large.get(row["label"])
            if other and not row.get("not_built") and not other.get("not_built") and other["queries"] != row["queries"]:
                print(
                    f"Query count differs between demo ({row['queries']}) and large ({other['queries']}): "
                    f"{row['label']}"
                )
    print(f"\nWrote {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)}.")
    if errors:
        print(f"{errors} errors (non-200 responses or failed requests).", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
