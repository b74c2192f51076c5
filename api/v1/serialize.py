"""Model rows to the API's dicts (api.v1.schemas). Reads only what the selectors loaded: no query here."""

from django.urls import reverse

from api.selectors import names_speakers


def city_ref(city) -> dict | None:
    return None if city is None else {"slug": city.slug, "name": city.name}


def organisation_ref(organisation) -> dict | None:
    if organisation is None:
        return None
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "website": organisation.website,
    }


def person_ref(person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "honorific": person.honorific,
        "job_title": person.job_title,
        "organisation": organisation_ref(person.organisation),
    }


def programme(row) -> dict:
    return {
        "slug": row.slug,
        "name": row.name,
        "organiser": organisation_ref(row.organiser),
        "start_date": row.start_date,
        "end_date": row.end_date,
        "planned_exchanges": row.planned_exchanges,
        "description": row.description,
    }


def exchange(request, row) -> dict:
    return {
        "slug": row.slug,
        "title": row.title,
        "programme": {"slug": row.programme.slug, "name": row.programme.name},
        "host_city": city_ref(row.host_city),
        "visiting_cities": [city_ref(city) for city in row.visiting_cities.all()],
        "start_date": row.start_date,
        "end_date": row.end_date,
        "time_zone": row.host_city.time_zone,
        "status": row.status,
        "is_public": row.is_public,
        "description": row.description,
        "themes": [theme.name for theme in row.themes.all()],
        "objectives": [
            {"position": objective.position, "lead": objective.lead, "detail": objective.detail}
            for objective in row.objectives.all()
        ],
        "updated_at": row.updated_at,
        "url": request.build_absolute_uri(row.get_absolute_url()),
    }


def venue(row) -> dict | None:
    if row is None:
        return None
    return {
        "name": row.name,
        "kind": row.kind,
        "address": row.address,
        "district": row.district,
        "city": city_ref(row.city),
        "host_organisation": organisation_ref(row.host_organisation),
    }


def session(request, row, audience) -> dict:
    named = names_speakers(audience, row)
    delegations = list(row.attending_delegations.all())
    ics = reverse("open_data:session_ics", kwargs={"slug": row.exchange.slug, "pk": row.pk})
    return {
        "id": row.pk,
        "uid": row.uid,
        "kind": row.kind,
        "title": row.title,
        "description": row.description,
        "start": row.start,
        "end": row.end,
        "venue": venue(row.venue),
        "presenters": [person_ref(person) for person in row.presenters.all()] if named else [],
        "organisations": [organisation_ref(org) for org in row.organisations.all()] if named else [],
        "attended_by_all": not delegations,
        "attending_delegations": [{"id": d.pk, "city": city_ref(d.city)} for d in delegations],
        "confidentiality": row.confidentiality,
        "updated_at": row.updated_at,
        "ics_url": request.build_absolute_uri(ics),
    }


def delegation(row) -> dict:
    return {
        "id": row.pk,
        "city": city_ref(row.city),
        "role": row.role,
        "members": [{"person": person_ref(m.person), "role": m.role} for m in row.memberships.all()],
    }


def _author(update) -> str | None:
    """The author's name as the web shows it to every reader; an account without a person stays unnamed."""
    author = update.author
    person = getattr(author, "person", None) if author is not None else None
    return person.display_name if person is not None else None


def next_step(row) -> dict:
    return {
        "id": row.pk,
        "position": row.position,
        "text": row.text,
        "status": row.status,
        "due_date": row.due_date,
        "owner_organisation": organisation_ref(row.owner_organisation),
        "owner_person": row.owner_person.display_name if row.owner_person else None,
        "objective": row.objective.lead if row.objective else None,
        "updated_at": row.updated_at,
        "updates": [
            {"text": u.text, "new_status": u.new_status, "author": _author(u), "created_at": u.created_at}
            for u in row.updates.all()
        ],
    }


def person(row, *, contact: bool) -> dict:
    return {
        **person_ref(row),
        "city": city_ref(row.city),
        "languages": row.languages,
        "language": row.language,
        "email": (row.email or None) if contact else None,
    }


def organisation(row) -> dict:
    return {
        **organisation_ref(row),
        "kind": row.kind,
        "city": city_ref(row.city),
        "parent": row.parent.slug if row.parent else None,
        "description": row.description,
    }


def city(request, row) -> dict:
    return {
        "slug": row.slug,
        "name": row.name,
        "country": row.country,
        "region": row.region,
        "time_zone": row.time_zone,
        "languages": row.languages,
        "member_since": row.member_since,
        "is_member": row.is_member,
        "profile": row.profile,
        "url": request.build_absolute_uri(row.get_absolute_url()),
    }


def initiative(request, row) -> dict:
    return {
        "slug": row.slug,
        "name": row.name,
        "acronym": row.acronym,
        "city": city_ref(row.city),
        "lead_organisation": organisation_ref(row.lead_organisation),
        "themes": [theme.name for theme in row.themes.all()],
        "summary": row.summary,
        "description": row.description,
        "website": row.website,
        "url": request.build_absolute_uri(row.get_absolute_url()),
    }


def report(request, row) -> dict:
    """One current release (api.selectors.api_published_reports): its frozen text and PDF, never the draft."""
    exchange = row.report.exchange
    page = reverse("reports:release", kwargs={"slug": exchange.slug, "lang": row.language, "number": row.number})
    pdf = reverse("reports:download", kwargs={"job_id": row.pdf_job_id}) if row.pdf_job_id else None
    return {
        "exchange": exchange.slug,
        "language": row.language,
        "title": row.title,
        "release_number": row.number,
        "released_at": row.released_at,
        "version": row.report_version,
        "published_at": row.report.published_at,
        "sections": row.section_texts(),
        "url": request.build_absolute_uri(page),
        "pdf_url": request.build_absolute_uri(pdf) if pdf else None,
    }
