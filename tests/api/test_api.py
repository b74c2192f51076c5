"""The API's access rules (the web's own), tokens, ETags, filters and rate limits."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken
from api.v1.routes import api
from exchanges.models import Exchange
from reports.models import RenderJob, Report
from reports.services import (
    release_publish,
    release_withdraw,
    render_job_run,
    report_draft,
    report_get_or_create,
    report_save_section,
    report_set_published,
)
from tests.factories import CoordinatorFactory, ExchangeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _user(email):
    return get_user_model().objects.get(email=email)


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def exchange_b(db):
    return ExchangeFactory(title="Exchange B", slug="exchange-b")


def test_a_coordinators_token_reads_their_exchanges_and_gets_404_on_another(client, demo, exchange_b):
    _token, secret = services.token_create(user=_user("coordinator@example.org"), name="website")

    listed = client.get(reverse("api:exchange_list"), **_bearer(secret)).json()
    own = client.get(reverse("api:exchange_detail", args=[demo.slug]), **_bearer(secret))
    other = client.get(reverse("api:exchange_detail", args=[exchange_b.slug]), **_bearer(secret))
    other_sessions = client.get(reverse("api:session_list", args=[exchange_b.slug]), **_bearer(secret))

    assert [row["slug"] for row in listed["results"]] == [demo.slug]
    assert own.json()["title"] == "Dakar–Montréal city exchange"
    assert [objective["position"] for objective in own.json()["objectives"]] == [1, 2, 3, 4, 5]
    assert other.status_code == 404 and other_sessions.status_code == 404
    assert "Exchange B" not in other.content.decode()


def test_revoking_a_token_ends_access_at_once(client, demo):
    token, secret = services.token_create(user=_user("coordinator@example.org"), name="script")
    url = reverse("api:exchange_detail", args=[demo.slug])
    before = client.get(url, **_bearer(secret))

    services.token_revoke(token=token)
    after = client.get(url, **_bearer(secret))

    assert before.status_code == 200 and before.json()["slug"] == demo.slug
    assert after.status_code == 401 and after["WWW-Authenticate"] == 'Bearer realm="api"'
    assert after.json() == {"detail": "Unknown or revoked token."}


def test_a_token_is_stored_only_as_a_digest_and_records_its_last_use(client, demo):
    token, secret = services.token_create(user=_user("staff@example.org"), name="funder report")

    client.get(reverse("api:exchange_list"), **_bearer(secret))

    token.refresh_from_db()
    assert secret.startswith(f"ep_{token.prefix}_") and len(secret) > 40
    assert secret not in {token.digest, token.prefix, token.name} and token.digest == services.token_digest(secret)
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < timedelta(minutes=1)


@pytest.mark.parametrize("secret", ["nonsense", "ep_deadbeef_wrong", ""])
def test_an_unknown_token_is_refused_never_read_as_anonymous(secret, client, demo):
    response = client.get(reverse("api:exchange_list"), HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 401 and "Dakar" not in response.content.decode()


def test_a_token_of_a_deactivated_user_is_refused(client, demo):
    user = _user("coordinator@example.org")
    _token, secret = services.token_create(user=user, name="old")
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = client.get(reverse("api:exchange_list"), **_bearer(secret))

    assert response.status_code == 401


@pytest.mark.usefixtures("private_demo")  # the demo is public (issue 14): a private one here
def test_anonymous_visitors_read_public_exchanges_that_are_no_longer_drafts(client, demo):
    private = client.get(reverse("api:exchange_list")).json()
    Exchange.objects.filter(pk=demo.pk).update(is_public=True)
    ExchangeFactory(title="Public draft", is_public=True, status=Exchange.Status.DRAFT)

    public = client.get(reverse("api:exchange_list")).json()
    sessions = client.get(reverse("api:session_list", args=[demo.slug])).json()

    assert private["count"] == 0
    assert [row["slug"] for row in public["results"]] == [demo.slug]
    assert sessions["count"] == demo.sessions.count()
    first = sessions["results"][0]
    assert first["venue"]["name"] and first["presenters"] and first["ics_url"].endswith(".ics")


def test_the_directories_are_for_managers_and_show_email_only_to_them(client, demo):
    client.force_login(_user("delegate@example.org"))
    delegate_people = client.get(reverse("api:person_list"))
    delegations = client.get(reverse("api:delegation_list", args=[demo.slug])).json()
    client.force_login(_user("coordinator@example.org"))
    coordinator_people = client.get(reverse("api:person_list"), {"q": "Maye"}).json()

    assert delegate_people.status_code == 404
    members = [member["person"] for delegation in delegations["results"] for member in delegation["members"]]
    assert "Maye Seck" in {person["name"] for person in members}
    assert all("email" not in person for person in members)
    assert coordinator_people["results"][0]["email"] == "maye.seck@example.org"


@pytest.mark.usefixtures("private_demo")  # the demo is public (issue 14): a private one here
def test_a_matching_etag_answers_304_and_the_etag_depends_on_the_viewer(client, demo):
    client.force_login(_user("staff@example.org"))
    first = client.get(reverse("api:exchange_list"))

    again = client.get(reverse("api:exchange_list"), HTTP_IF_NONE_MATCH=first["ETag"])
    client.logout()
    anonymous = client.get(reverse("api:exchange_list"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert again.status_code == 304 and again.content == b""
    assert anonymous.status_code == 200 and anonymous.json()["count"] == 0
    assert "private" in first["Cache-Control"] and "Authorization" in first["Vary"]


def test_filters_by_status_city_dates_and_update_time(client, demo, exchange_b):
    client.force_login(_user("staff@example.org"))
    url = reverse("api:exchange_list")

    def slugs(**query):
        return [row["slug"] for row in client.get(url, query).json()["results"]]

    assert slugs(city="dakar") == [demo.slug]  # Dakar visits: a city taking part, not only the host
    assert slugs(status="scheduled", starts_from="2017-10-16", starts_until="2017-10-16") == [exchange_b.slug]
    assert slugs(updated_since=(timezone.now() + timedelta(hours=1)).isoformat()) == []
    assert client.get(url, {"status": "nonsense"}).status_code == 422
    assert client.get(url, {"updated_since": "2017-10-16T10:00:00"}).status_code == 422  # a time needs its zone


def test_pages_link_to_each_other(client, demo):
    client.force_login(_user("staff@example.org"))

    first = client.get(reverse("api:session_list", args=[demo.slug]), {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    assert second["page"] == 2 and second["previous"].endswith("page=1&page_size=2")
    assert {row["id"] for row in first["results"]}.isdisjoint({row["id"] for row in second["results"]})


def test_reports_are_listed_once_published_with_their_release_text_and_pdf(client, demo):
    staff = _user("staff@example.org")
    report = report_draft(report=report_get_or_create(exchange=demo), user=staff)
    client.force_login(_user("delegate@example.org"))
    draft = client.get(reverse("api:report_list")).json()

    report = report_set_published(report=report, published=True, user=staff)
    job = RenderJob.objects.get(kind=RenderJob.Kind.RELEASE, report=report)  # queued by the publication
    listed_while_rendering = client.get(reverse("api:report_list")).json()
    render_job_run(job_id=job.pk)
    published = client.get(reverse("api:exchange_report_list", args=[demo.slug])).json()

    assert draft["count"] == 0
    assert listed_while_rendering["results"][0]["pdf_url"] is None
    [row] = published["results"]
    release = report.releases.get()
    assert row["language"] == "en" and row["sections"]["introduction"] == release.introduction != ""
    assert row["release_number"] == 1 and row["title"] == release.title and row["version"] == release.report_version
    assert row["url"].endswith(f"/exchanges/{demo.slug}/report/en/releases/1/")
    assert row["pdf_url"].endswith(reverse("reports:download", args=[job.pk]))
    assert client.get(row["pdf_url"]).status_code == 200


def _api_report(client, demo) -> dict:
    [row] = client.get(reverse("api:exchange_report_list", args=[demo.slug])).json()["results"]
    return row


def test_the_api_gives_the_current_release_never_the_draft(client, demo):
    """Publish release 1, edit the draft: the API still gives release 1's text, to readers and editors alike;
    release 2 replaces it; once release 2 is withdrawn, release 1 is given again."""
    staff = _user("staff@example.org")
    report = report_draft(report=report_get_or_create(exchange=demo), user=staff)
    report = report_save_section(
        report=report, section="summary", text="Release one text.", base_version=report.version, user=staff
    )
    first = release_publish(report=report, by=staff, without_sign_off_reason="Agreed.")
    report = report_save_section(
        report=report, section="summary", text="Unfinished draft sentence.", base_version=report.version, user=staff
    )
    reader, editor = client, type(client)()
    reader.force_login(_user("delegate@example.org"))
    editor.force_login(staff)

    after_edit = [_api_report(c, demo) for c in (reader, editor)]
    second = release_publish(report=report, by=staff, without_sign_off_reason="Corrected.")
    after_release_2 = _api_report(reader, demo)
    release_withdraw(release=second, by=staff, reason="A name was wrong.")
    after_withdrawal = _api_report(reader, demo)

    assert Report.objects.get(pk=report.pk).summary == "Unfinished draft sentence."
    released_at = first.released_at.replace(microsecond=first.released_at.microsecond // 1000 * 1000)  # JSON: ms
    for row in after_edit:
        assert row["sections"]["summary"] == "Release one text." and row["release_number"] == 1
        assert datetime.fromisoformat(row["released_at"]) == released_at
    assert after_release_2["sections"]["summary"] == "Unfinished draft sentence."
    assert after_release_2["release_number"] == 2 and after_release_2["version"] == second.report_version
    assert after_withdrawal["sections"]["summary"] == "Release one text." and after_withdrawal["release_number"] == 1


def test_the_rate_limit_counts_per_token(client, demo, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    _token, secret = services.token_create(user=_user("staff@example.org"), name="busy")
    _other, other_secret = services.token_create(user=_user("staff@example.org"), name="quiet")
    url = reverse("api:city_list")

    answers = [client.get(url, **_bearer(secret)).status_code for _ in range(3)]
    refused = client.get(url, **_bearer(secret))
    other = client.get(url, **_bearer(other_secret))

    assert answers == [200, 200, 429]
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert other.status_code == 200


def test_the_rate_limit_lets_requests_through_when_the_cache_is_down(client, demo, settings, caplog):
    """Nothing listens on the cache's port: the API still answers (read-only: failing open), and says so."""
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    unreachable = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    _token, secret = services.token_create(user=_user("staff@example.org"), name="outage")

    with override_settings(CACHES=unreachable):  # restored before the suite's cache clean-up runs
        answers = [client.get(reverse("api:city_list"), **_bearer(secret)).status_code for _ in range(3)]

    assert answers == [200, 200, 200]
    assert "the cache is unavailable" in caplog.text


def test_the_docs_page_lists_every_route_of_the_openapi_description(client, db):
    document = client.get(reverse("api:openapi-json")).json()

    page = client.get(reverse("open_data:docs")).content.decode()

    routes = [(method.upper(), path) for path, methods in document["paths"].items() for method in methods]
    assert len(routes) == 13
    missing = [route for route in routes if f"<code>{route[0]} {route[1]}</code>" not in page]
    assert not missing
    assert "<script" not in page.split("</head>")[1]  # nothing but the site's own deferred scripts


def test_the_openapi_document_is_built_once_and_each_caller_gets_its_own_copy():
    first = api.get_openapi_schema(path_prefix="/api/v1")
    first["paths"].clear()
    second = api.get_openapi_schema(path_prefix="/api/v1")

    assert len(second["paths"]) == 13
    assert all(
        {} in operation["security"]  # every route also answers the public (the description says so)
        for operations in second["paths"].values()
        for operation in operations.values()
    )
    assert next(iter(api.get_openapi_schema(path_prefix="/elsewhere/v1")["paths"])).startswith("/elsewhere/v1/")


def test_the_token_page_shows_a_new_secret_once_and_revokes_after_confirmation(client, demo):
    user = _user("coordinator@example.org")
    client.force_login(user)

    created = client.post(reverse("open_data:token_list"), {"name": "Website feed"}, follow=True)
    token = ApiToken.objects.get(user=user)
    shown = created.content.decode()
    later = client.get(reverse("open_data:token_list")).content.decode()
    confirm = client.get(reverse("open_data:token_revoke", args=[token.pk])).content.decode()
    client.post(reverse("open_data:token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert f"ep_{token.prefix}_" in shown and "Copy it now" in shown
    assert "Copy it now" not in later and "Website feed" in later
    assert "will stop working at once" in confirm
    assert token.revoked_at is not None


def test_only_staff_and_coordinators_hold_tokens(client, demo):
    delegate = _user("delegate@example.org")
    other = UserFactory()
    CoordinatorFactory(user=other)
    token, _secret = services.token_create(user=_user("staff@example.org"), name="staff's")

    client.force_login(delegate)
    page = client.get(reverse("open_data:token_list"))
    posted = client.post(reverse("open_data:token_list"), {"name": "mine"})
    client.force_login(other)
    someone_elses = client.post(reverse("open_data:token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert page.status_code == 404 and posted.status_code == 404
    assert not ApiToken.objects.filter(user=delegate).exists()
    assert someone_elses.status_code == 404 and token.revoked_at is None
