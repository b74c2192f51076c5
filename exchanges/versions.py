"""Each exchange's content version, and what is cached under it.

``Exchange.content_version`` grows by one on every change to what the exchange's pages show: its sessions, their
venues, presenters, organisations and attending delegations, its delegations and their members, its objectives,
the texts of any of them in either language, and the exchange itself. The rendered agenda, the exchange's
calendar feed and the personal feeds are cached under keys that hold it (``cached_fragment`` below), so a
cached page is never served after a change: the next request builds it again.

One helper bumps it: ``exchange_touch(*exchange_ids)``, a single UPDATE with ``F() + 1``. Every write that
changes what an exchange shows calls it, or is caught by the receivers below (``post_save``, ``post_delete`` and
``m2m_changed`` of the models an exchange's pages read, whoever writes them: services, the builder, forms, the
admin). Writes that bypass model signals (``QuerySet.update``, ``bulk_create``, ``bulk_update``) must call
``exchange_touch`` themselves. ``Exchange.save()`` bumps its own version.
"""

import hashlib

from django.core.cache import cache
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import get_language

from cities.models import City, Organisation
from exchanges.models import Delegation, Exchange, Membership, Objective, Session, Venue
from participants.models import Person


def exchange_touch(*exchange_ids) -> None:
    """Grow the content version of these exchanges (ids; ``None`` and repeats are ignored): one UPDATE."""
    ids = {pk for pk in exchange_ids if pk is not None}
    if ids:
        Exchange.objects.filter(pk__in=ids).update(content_version=F("content_version") + 1)


def exchanges_touch(condition: Q) -> None:
    """Grow the content version of every exchange matching ``condition``: one UPDATE."""
    Exchange.objects.filter(pk__in=Exchange.objects.filter(condition).values("pk")).update(
        content_version=F("content_version") + 1
    )


# Receivers ---------------------------------------------------------------------------------------------------
# Connected by ExchangesConfig.ready() through ``connect()``; each asks one UPDATE.


def _session_changed(sender, instance, **kwargs):
    exchange_touch(instance.exchange_id)


def _delegation_changed(sender, instance, **kwargs):
    exchange_touch(instance.exchange_id)


def _objective_changed(sender, instance, **kwargs):
    exchange_touch(instance.exchange_id)


def _membership_changed(sender, instance, raw=False, **kwargs):
    exchanges_touch(Q(delegations__pk=instance.delegation_id))


def _venue_changed(sender, instance, **kwargs):
    exchanges_touch(Q(sessions__venue_id=instance.pk))


def _person_changed(sender, instance, **kwargs):
    exchanges_touch(
        Q(sessions__presenters=instance.pk)
        | Q(delegations__memberships__person=instance.pk)
        | Q(host_contact=instance.pk)
    )


def _organisation_changed(sender, instance, **kwargs):
    exchanges_touch(
        Q(sessions__organisations=instance.pk)
        | Q(sessions__presenters__organisation=instance.pk)
        | Q(sessions__venue__host_organisation=instance.pk)
    )


def _city_changed(sender, instance, **kwargs):
    exchanges_touch(
        Q(host_city=instance.pk)
        | Q(visiting_cities=instance.pk)
        | Q(delegations__city=instance.pk)
        | Q(sessions__venue__city=instance.pk)
    )


def _session_relation_receiver(field: str):
    """A receiver of ``m2m_changed`` for ``Session.<field>``, from either side of the relation."""

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:  # session.presenters.set(…): the instance is the session
            if action.startswith("post_"):
                exchange_touch(instance.exchange_id)
        elif action == "pre_clear":  # person.presented_sessions.clear(): its sessions, while they are known
            exchanges_touch(Q(**{f"sessions__{field}": instance.pk}))
        elif action in ("post_add", "post_remove"):  # person.presented_sessions.add(session, …)
            exchange_touch(*Session.objects.filter(pk__in=pk_set or ()).values_list("exchange_id", flat=True))

    return receiver


def _exchange_relation_receiver(field: str):
    """A receiver of ``m2m_changed`` for ``Exchange.<field>``, from either side of the relation."""

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action.startswith("post_"):
                exchange_touch(instance.pk)
        elif action == "pre_clear":
            exchanges_touch(Q(**{field: instance.pk}))
        elif action in ("post_add", "post_remove"):
            exchange_touch(*(pk_set or ()))

    return receiver


# Rows that carry their exchange are read after a deletion; rows that reach it through relations are read
# before (pre_delete): a deleted person's presenter rows go without an m2m_changed signal.
SAVED_OR_DELETED = {
    Session: (_session_changed, post_delete),
    Delegation: (_delegation_changed, post_delete),
    Objective: (_objective_changed, post_delete),
    Membership: (_membership_changed, post_delete),
    Venue: (_venue_changed, pre_delete),
    Person: (_person_changed, pre_delete),
    Organisation: (_organisation_changed, pre_delete),
    City: (_city_changed, pre_delete),
}


def connect() -> None:
    for model, (receiver, deleted) in SAVED_OR_DELETED.items():
        uid = f"exchanges.versions.{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        deleted.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
    for relation in (Session.presenters, Session.organisations, Session.attending_delegations, Session.initiatives):
        name = relation.field.name
        m2m_changed.connect(
            _session_relation_receiver(name),
            sender=relation.through,
            dispatch_uid=f"exchanges.versions.{name}",
            weak=False,
        )
    for relation in (Exchange.visiting_cities, Exchange.themes):
        name = relation.field.name
        m2m_changed.connect(
            _exchange_relation_receiver(name),
            sender=relation.through,
            dispatch_uid=f"exchanges.versions.exchange.{name}",
            weak=False,
        )


# What is cached under the version ------------------------------------------------------------------------------

# Keys hold the version, so a change is never served stale: an entry only stops being asked for. They expire
# after a day so that the cache does not keep the old versions of a busy exchange.
CACHE_SECONDS = 24 * 60 * 60


def cache_key(kind: str, exchange: Exchange, *parts) -> str:
    """``kind``, the exchange and its content version, the active language and ``parts`` (the viewer's audience,
    home time zone, filter…), hashed to a key every cache backend takes."""
    text = "|".join(str(part) for part in (exchange.pk, exchange.content_version, get_language(), *parts))
    return f"exchange-{kind}:{exchange.pk}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached(key: str, build):
    """The value cached under ``key``, else ``build()`` stored there."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value
