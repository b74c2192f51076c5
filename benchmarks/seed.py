"""The large benchmark data set, written with PostgreSQL COPY.

1,000 cities, 20,000 exchanges, 500,000 sessions and 100,000 people, with the
rows around them in the proportions of real programmes: three organisations,
five venues (one a site) and 100 people per city; a host delegation and one or
two visiting delegations of three to seven people per exchange; 10 to 40
sessions per exchange over one to four days, half of them with presenters;
three objectives and two next steps per exchange; one person in ten with an
account; one coordinator per city. The demo exchange is loaded first by the
caller, and its delegate (Maye Seck) is added to 30 of the generated exchanges
so that her pages show full lists at this size.

Ids are assigned here (after the highest existing id), so rows can point at
each other without reading anything back; sequences are reset at the end.
Columns this module does not name take the model field's default, so a field
added later with a default does not break the seeding; one without a default
stops it with a message naming the field.
"""

import random
import secrets
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from accounts.models import User
from cities.models import City, Coordinator, Organisation, Theme
from exchanges.models import Delegation, Exchange, Membership, NextStep, Objective, Programme, Session, Venue
from participants.models import Person

CITIES = 1_000
EXCHANGES = 20_000
SESSIONS = 500_000
PEOPLE = 100_000
PEOPLE_PER_CITY = PEOPLE // CITIES
ORGANISATIONS_PER_CITY = 3
VENUES_PER_CITY = 5
PROGRAMMES = 100
DELEGATE_EXCHANGES = 30

TIME_ZONES = [
    "Africa/Dakar",
    "America/Toronto",
    "Europe/Paris",
    "Europe/London",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Jakarta",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Beirut",
    "Europe/Oslo",
    "Asia/Manila",
    "Africa/Lagos",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/Berlin",
    "Asia/Karachi",
    "Africa/Johannesburg",
    "America/Bogota",
]
SESSION_KINDS = ["roundtable", "briefing", "presentation", "workshop", "meal", "presentation", "roundtable"]
MEMBER_ROLES = ["member", "member", "member", "facilitator", "interpreter"]
NOTES = (
    "Participants compared how each city assesses local risk and who takes part in its prevention work; "
    "the host team presented its partnership model and answered questions on funding and evaluation."
)


class Seeder:
    def __init__(self, *, seed: int = 2017, scale: float = 1.0):
        self.rng = random.Random(seed)
        self.scale = scale
        self.now = timezone.now()
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    # -- COPY plumbing -----------------------------------------------------------------------------

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(model._meta.db_table)}")
            return cursor.fetchone()[0] + 1

    def _fill_ins(self, model, columns: list[str]) -> tuple[list[str], tuple]:
        """Columns not given, with their model defaults; a required column without one is an error."""
        extra_columns, extra_values = [], []
        for field in model._meta.concrete_fields:
            if field.column in columns or isinstance(field, AutoFieldMixin):
                continue  # given, or numbered by the database
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.now
            elif field.has_default() and not field.unique:
                value = field.get_default()
            elif field.null:
                value = None
            elif isinstance(field, models.CharField | models.TextField) and not field.unique:
                value = ""
            else:
                raise SystemExit(
                    f"benchmarks/seed.py does not know how to fill {model._meta.label}.{field.name}: "
                    "add it to the rows this module writes."
                )
            extra_columns.append(field.column)
            extra_values.append(value)
        return extra_columns, tuple(extra_values)

    def copy(self, model, columns: list[str], rows: Iterable[tuple]) -> int:
        extra_columns, extra_values = self._fill_ins(model, columns)
        quote = connection.ops.quote_name
        names = ", ".join(quote(column) for column in [*columns, *extra_columns])
        started = time.perf_counter()
        written = 0
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as out,
        ):
            for row in rows:
                out.write_row(row + extra_values if extra_values else row)
                written += 1
        label = model._meta.db_table
        self.counts[label] = self.counts.get(label, 0) + written
        self.seconds[label] = round(self.seconds.get(label, 0.0) + time.perf_counter() - started, 2)
        return written

    # -- the data set ------------------------------------------------------------------------------

    @transaction.atomic
    def run(self, *, delegate_person: Person) -> dict:
        rng = self.rng
        now = self.now
        # --scale shrinks the data set in proportion (to try the seeding quickly): at least 10 cities and
        # exchanges, 10 to 40 sessions per exchange, 100 people per city.
        n_cities, n_exchanges = (max(int(n * self.scale), 10) for n in (CITIES, EXCHANGES))
        n_sessions = min(max(int(SESSIONS * self.scale), 10 * n_exchanges), 40 * n_exchanges)
        n_people = n_cities * PEOPLE_PER_CITY
        themes = list(Theme.objects.values_list("id", flat=True))

        city0 = self.next_id(City)
        city_ids = list(range(city0, city0 + n_cities))
        city_zone = {cid: TIME_ZONES[n % len(TIME_ZONES)] for n, cid in enumerate(city_ids)}
        self.copy(
            City,
            ["id", "name", "slug", "country", "region", "time_zone", "languages", "member_since", "is_public"],
            (
                (
                    cid,
                    f"Bench City {n:04d}",
                    f"bench-city-{n:04d}",
                    f"Country {n % 150:03d}",
                    f"Region {n % 12}",
                    city_zone[cid],
                    "English, French",
                    date(2015 + n % 8, 1 + n % 12, 1),
                    n % 10 != 0,
                )
                for n, cid in enumerate(city_ids)
            ),
        )

        org0 = self.next_id(Organisation)
        org_ids = {cid: [org0 + n * ORGANISATIONS_PER_CITY + k for k in range(3)] for n, cid in enumerate(city_ids)}
        kinds = ["municipal", "police", "ngo"]
        self.copy(
            Organisation,
            ["id", "name", "slug", "kind", "city_id", "website"],
            (
                (oid, f"Bench organisation {oid}", f"bench-organisation-{oid}", kinds[k], cid, "")
                for cid in city_ids
                for k, oid in enumerate(org_ids[cid])
            ),
        )

        venue0 = self.next_id(Venue)
        venue_ids = {cid: [venue0 + n * VENUES_PER_CITY + k for k in range(5)] for n, cid in enumerate(city_ids)}
        self.copy(
            Venue,
            ["id", "name", "kind", "address", "district", "city_id", "host_organisation_id"],
            (
                (
                    vid,
                    f"Venue {vid}",
                    "site" if k == 4 else "venue",
                    f"{vid} Main Street",
                    "Centre",
                    cid,
                    org_ids[cid][k % 3],
                )
                for cid in city_ids
                for k, vid in enumerate(venue_ids[cid])
            ),
        )

        # One person in ten has an account; the first person of each city coordinates it.
        user0 = self.next_id(User)
        person0 = self.next_id(Person)
        people = {
            cid: [person0 + n * PEOPLE_PER_CITY + k for k in range(PEOPLE_PER_CITY)] for n, cid in enumerate(city_ids)
        }
        person_user = {pid: user0 + (pid - person0) // 10 for pid in range(person0, person0 + n_people, 10)}
        self.copy(
            User,
            ["id", "password", "is_superuser", "is_staff", "is_active", "date_joined", "email"],
            (
                (uid, "!bench-unusable", False, False, True, now, f"person{pid}@bench.example.org")
                for pid, uid in person_user.items()
            ),
        )
        self.copy(
            Person,
            [
                "id",
                "name",
                "job_title",
                "organisation_id",
                "city_id",
                "email",
                "languages",
                "language",
                "user_id",
                "feed_token",
            ],
            (
                (
                    pid,
                    f"Person {pid}",
                    "Adviser",
                    org_ids[cid][k % 3],
                    cid,
                    f"person{pid}@bench.example.org",
                    "English, French",
                    "fr" if k % 3 == 0 else "en",
                    person_user.get(pid),
                    secrets.token_urlsafe(24),
                )
                for cid in city_ids
                for k, pid in enumerate(people[cid])
            ),
        )
        self.copy(
            Coordinator,
            ["user_id", "city_id", "created_at"],
            ((person_user[people[cid][0]], cid, now) for cid in city_ids),
        )
        self._reset_sequences([Coordinator])

        programme0 = self.next_id(Programme)
        self.copy(
            Programme,
            ["id", "name", "slug", "organiser_id", "start_date", "end_date", "planned_exchanges"],
            (
                (
                    programme0 + n,
                    f"Bench programme {n}",
                    f"bench-programme-{n}",
                    org_ids[city_ids[n * 7 % n_cities]][2],
                    date(2016 + n % 12, 1, 1),
                    date(2017 + n % 12, 12, 31),
                    n_exchanges // PROGRAMMES,
                )
                for n in range(PROGRAMMES)
            ),
        )

        # Exchanges: 2016–2029, one to four days; past ones completed (a few cancelled), future ones
        # scheduled or still drafts; 40 % public.
        today = now.date()
        exchange0 = self.next_id(Exchange)
        exchanges = []
        for n in range(n_exchanges):
            host = rng.choice(city_ids)
            visitors = rng.sample(city_ids, 2 if n % 5 == 0 else 1)
            visitors = [city for city in visitors if city != host] or [city_ids[(city_ids.index(host) + 1) % n_cities]]
            start = date(2016, 1, 1) + timedelta(days=rng.randrange(14 * 365))
            days = rng.randint(1, 4)
            end = start + timedelta(days=days - 1)
            if end < today:
                status = "cancelled" if n % 20 == 0 else "completed"
            else:
                status = "draft" if n % 3 == 0 else "scheduled"
            exchanges.append((exchange0 + n, host, visitors, start, days, status))
        self.copy(
            Exchange,
            [
                "id",
                "programme_id",
                "title",
                "slug",
                "host_city_id",
                "start_date",
                "end_date",
                "host_contact_id",
                "status",
                "description",
                "is_public",
                "created_at",
                "updated_at",
            ],
            (
                (
                    eid,
                    programme0 + eid % PROGRAMMES,
                    f"Bench exchange {eid}",
                    f"bench-exchange-{eid}",
                    host,
                    start,
                    start + timedelta(days=days - 1),
                    people[host][1],
                    status,
                    "Sharing practical tools to reduce local risk and build cohesive communities.",
                    eid % 5 < 2,
                    now,
                    now,
                )
                for eid, host, _visitors, start, days, status in exchanges
            ),
        )
        self.copy(
            Exchange.visiting_cities.through,
            ["exchange_id", "city_id"],
            ((eid, city) for eid, _host, visitors, *_ in exchanges for city in visitors),
        )
        if themes:
            self.copy(
                Exchange.themes.through,
                ["exchange_id", "theme_id"],
                (
                    (eid, themes[k])
                    for eid, *_ in exchanges
                    for k in sorted({eid % len(themes), (eid // 7) % len(themes)})
                ),
            )
        self.copy(
            Objective,
            ["exchange_id", "position", "lead", "detail", "updated_at"],
            (
                (eid, p, f"Objective {p}", "to share practical tools and plans;", now)
                for eid, *_ in exchanges
                for p in (1, 2, 3)
            ),
        )
        self.copy(
            NextStep,
            ["exchange_id", "position", "text", "owner_organisation_id", "status", "created_at", "updated_at"],
            (
                (eid, p, "Circulate a concept note and report progress.", org_ids[host][0], "open", now, now)
                for eid, host, *_ in exchanges
                for p in (1, 2)
            ),
        )

        # Delegations and their members, drawn from each city's people.
        delegation0 = self.next_id(Delegation)
        delegations = []
        for eid, host, visitors, *_ in exchanges:
            delegations.append((delegation0 + len(delegations), eid, host, "host"))
            for city in visitors:
                delegations.append((delegation0 + len(delegations), eid, city, "visiting"))
        self.copy(Delegation, ["id", "exchange_id", "city_id", "role"], iter(delegations))

        def memberships():
            for did, _eid, city, role in delegations:
                chosen = rng.sample(people[city], rng.randint(3, 7))
                yield (chosen[0], did, "head")
                if role == "host":
                    yield (chosen[1], did, "host_coordinator")
                    chosen = chosen[1:]
                for position, pid in enumerate(chosen[1:]):
                    yield (pid, did, MEMBER_ROLES[position % len(MEMBER_ROLES)])

        self.copy(Membership, ["person_id", "delegation_id", "role"], memberships())

        # Sessions: 10 to 40 per exchange, exactly n_sessions (500,000) in all, three tracks a day from 08:00 host time.
        counts = [rng.randint(10, 40) for _ in exchanges]
        difference = n_sessions - sum(counts)
        while difference:
            index = rng.randrange(len(counts))
            step = 1 if difference > 0 else -1
            if 10 <= counts[index] + step <= 40:
                counts[index] += step
                difference -= step
        session0 = self.next_id(Session)
        presenters = []

        def sessions():
            sid = session0
            for (eid, host, _visitors, start, days, _status), count in zip(exchanges, counts, strict=True):
                zone = ZoneInfo(city_zone[host])
                for index in range(count):
                    day, slot = index % days, index // days
                    begins = datetime(start.year, start.month, start.day, 8, tzinfo=zone) + timedelta(
                        days=day, minutes=50 * (slot // 3)
                    )
                    venue_index = rng.randrange(VENUES_PER_CITY)
                    kind = "site_visit" if venue_index == 4 else SESSION_KINDS[index % len(SESSION_KINDS)]
                    if index % 2 == 0:
                        presenters.extend((sid, pid) for pid in rng.sample(people[host], 1 + index % 3 // 2))
                    begins = begins.astimezone(UTC)
                    yield (
                        sid,
                        eid,
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        kind,
                        f"Session {index + 1} of exchange {eid}",
                        "How the host city works with its partners on prevention.",
                        begins,
                        begins + timedelta(minutes=45),
                        venue_ids[host][venue_index],
                        NOTES,
                        0,
                        now,
                        now,
                    )
                    sid += 1

        self.copy(
            Session,
            [
                "id",
                "exchange_id",
                "uid",
                "kind",
                "title",
                "description",
                "start",
                "end",
                "venue_id",
                "notes",
                "sequence",
                "created_at",
                "updated_at",
            ],
            sessions(),
        )
        self.copy(Session.presenters.through, ["session_id", "person_id"], iter(presenters))

        self._reset_sequences(
            [
                City,
                Organisation,
                Venue,
                User,
                Person,
                Programme,
                Exchange,
                Delegation,
                Session,
                Objective,
                NextStep,
                Membership,
                Exchange.visiting_cities.through,
                Exchange.themes.through,
                Session.presenters.through,
            ]
        )

        # The demo delegate takes part in 30 generated exchanges, half past and half to come.
        delegate_city = delegate_person.city_id
        past = [e for e in exchanges if e[5] == "completed"]
        future = [e for e in exchanges if e[5] == "scheduled"]
        half = DELEGATE_EXCHANGES // 2
        chosen = rng.sample(past, min(half, len(past))) + rng.sample(future, min(half, len(future)))
        chosen_ids = {e[0] for e in chosen}
        taken = {(did_eid, city) for _did, did_eid, city, _role in delegations if did_eid in chosen_ids}
        extra_delegations = [(eid, delegate_city) for eid in chosen_ids if (eid, delegate_city) not in taken]
        created = Delegation.objects.bulk_create(
            [Delegation(exchange_id=eid, city_id=city, role="visiting") for eid, city in extra_delegations]
        )
        Membership.objects.bulk_create(
            [Membership(person=delegate_person, delegation=delegation, role="member") for delegation in created]
        )

        return {"rows": dict(sorted(self.counts.items())), "seconds_by_table": self.seconds}

    def _reset_sequences(self, model_list) -> None:
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), model_list):
                cursor.execute(statement)


def analyze() -> float:
    """VACUUM ANALYZE after the bulk load, as autovacuum would soon do; returns seconds."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return round(time.perf_counter() - started, 2)
