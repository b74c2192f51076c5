"""Reads that gather several apps: a person's personal data (account, person, delegations, sessions…)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from cities.models import Coordinator
from exchanges.models import Exchange, Membership, NextStep, Session
from participants.models import Invitation, Person


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    """Everything the portal holds about this user and the person linked to them.

    Secrets (password hash, authenticator keys, calendar feed token) are named
    but not given. Runs a fixed number of queries.
    """
    person = Person.objects.select_related("organisation", "city").filter(user=user).first()
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True).distinct()
            ),
            "coordinator_of": [
                coordinator.city.name
                for coordinator in Coordinator.objects.filter(user=user).select_related("city").order_by("city__name")
            ],
        },
        "person": None,
    }
    if person is None:
        return data
    data["person"] = {
        "name": person.name,
        "honorific": person.honorific,
        "job_title": person.job_title,
        "organisation": person.organisation.name if person.organisation else None,
        "city": person.city.name if person.city else None,
        "email": person.email,
        "phone": str(person.phone) if person.phone else "",
        "languages_spoken": person.languages,
        "preferred_language": person.language,
        "email_me_agenda_changes": person.notify_changes,
        "delegations": [
            {
                "exchange": membership.delegation.exchange.title,
                "delegation": membership.delegation.city.name,
                "role": str(membership.get_role_display()),
            }
            for membership in Membership.objects.filter(person=person)
            .select_related("delegation__exchange", "delegation__city")
            .order_by("delegation__exchange__start_date", "pk")
        ],
        "sessions_presented": [
            {"exchange": session.exchange.title, "session": session.title, "start": _when(session.start)}
            for session in Session.objects.filter(presenters=person).select_related("exchange").order_by("start")
        ],
        "host_contact_of": list(
            Exchange.objects.filter(host_contact=person).order_by("start_date").values_list("title", flat=True)
        ),
        "next_steps_owned": [
            {"exchange": step.exchange.title, "commitment": step.text, "status": step.status}
            for step in NextStep.objects.filter(owner_person=person).select_related("exchange").order_by("pk")
        ],
        "invitations": [
            {
                "email": invitation.email,
                "created": _when(invitation.created_at),
                "expires": _when(invitation.expires_at),
                "accepted": _when(invitation.accepted_at),
            }
            for invitation in Invitation.objects.filter(person=person)
        ],
        "record_changes": [
            {"date": _when(record.history_date), "change": record.get_history_type_display()}
            for record in person.history.order_by("history_date")
        ],
    }
    return data
