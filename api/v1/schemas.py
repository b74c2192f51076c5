"""The JSON shapes of the API (OpenAPI components). Routes build plain dicts of these fields."""

from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class Paginated(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[T]


class CityRef(Schema):
    slug: str
    name: str


class OrganisationRef(Schema):
    slug: str
    name: str
    acronym: str
    website: str


class PersonRef(Schema):
    """A person as exchange pages name them: no contact details."""

    id: int
    name: str
    honorific: str
    job_title: str
    organisation: OrganisationRef | None


class Programme(Schema):
    slug: str
    name: str
    organiser: OrganisationRef
    start_date: date
    end_date: date
    planned_exchanges: int
    description: str


class ProgrammeRef(Schema):
    slug: str
    name: str


class Objective(Schema):
    position: int
    lead: str
    detail: str


class Exchange(Schema):
    slug: str
    title: str
    programme: ProgrammeRef
    host_city: CityRef
    visiting_cities: list[CityRef]
    start_date: date
    end_date: date
    time_zone: str
    status: str
    is_public: bool
    description: str
    themes: list[str]
    objectives: list[Objective]
    updated_at: datetime
    url: str


class Venue(Schema):
    name: str
    kind: str
    address: str
    district: str
    city: CityRef
    host_organisation: OrganisationRef | None


class DelegationRef(Schema):
    id: int
    city: CityRef


class Session(Schema):
    id: int
    uid: UUID
    kind: str
    title: str
    description: str
    start: datetime
    end: datetime
    venue: Venue | None
    presenters: list[PersonRef]
    organisations: list[OrganisationRef]
    attended_by_all: bool
    attending_delegations: list[DelegationRef]
    confidentiality: str
    updated_at: datetime
    ics_url: str


class Member(Schema):
    person: PersonRef
    role: str


class Delegation(Schema):
    id: int
    city: CityRef
    role: str
    members: list[Member]


class NextStepUpdate(Schema):
    text: str
    new_status: str
    author: str | None
    created_at: datetime


class NextStep(Schema):
    id: int
    position: int
    text: str
    status: str
    due_date: date | None
    owner_organisation: OrganisationRef | None
    owner_person: str | None
    objective: str | None
    updated_at: datetime
    updates: list[NextStepUpdate]


class Person(Schema):
    """A person of the directory; ``email`` only for viewers who see contact details on the web."""

    id: int
    name: str
    honorific: str
    job_title: str
    organisation: OrganisationRef | None
    city: CityRef | None
    languages: str
    language: str
    email: str | None


class Organisation(Schema):
    slug: str
    name: str
    acronym: str
    kind: str
    website: str
    city: CityRef | None
    parent: str | None
    description: str


class City(Schema):
    slug: str
    name: str
    country: str
    region: str
    time_zone: str
    languages: str
    member_since: date | None
    is_member: bool
    profile: str
    url: str


class Initiative(Schema):
    slug: str
    name: str
    acronym: str
    city: CityRef
    lead_organisation: OrganisationRef | None
    themes: list[str]
    summary: str
    description: str
    website: str
    url: str


class ReportSections(Schema):
    introduction: str
    aims: str
    summary: str
    next_steps: str


class Report(Schema):
    """A published report as released: the text, number and date of its current release, never the draft."""

    exchange: str
    language: str
    title: str = Field(description="The report's title as released.")
    release_number: int = Field(description="The release's number: 1, 2, … per report and language.")
    released_at: datetime = Field(description="When this release was published.")
    version: int = Field(description="The version of the report's text that was released.")
    published_at: datetime | None = Field(description="When the report was first published (its release 1).")
    sections: ReportSections = Field(description="The release's frozen section texts.")
    url: str = Field(description="The release's page.")
    pdf_url: str | None = Field(description="The release's PDF; null while it is being made.")


class Error(Schema):
    detail: str
