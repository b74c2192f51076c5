"""The change history of the portal's records (django-simple-history).

Every historical model lives in this app, with its migrations, so the apps
whose models are tracked need no migration of their own for it.
``simple_history.register(..., app="audit")`` places them in this module.
They are created by ``AuditConfig.ready()`` (``register_history``), not at
import time: the per-language columns of translated texts (``title_en``,
``title_fr``) are added by modeltranslation's ready(), which runs first
(it is first in INSTALLED_APPS), and the history must copy them too.

To track another model, add one line to TRACKED and run makemigrations audit.
"""

from simple_history import register

from exchanges.models import Delegation, Exchange, Membership, NextStep, Objective, Session
from participants.models import Person
from reports.models import Report

# model: fields kept out of the history (secrets must not survive in old rows).
TRACKED = {
    Exchange: ["content_version"],  # a cache key, not a change anyone made
    Objective: [],
    Session: [],
    NextStep: [],
    Delegation: [],
    Membership: [],
    Person: ["feed_token"],
    Report: ["draft_hashes"],
}


def register_history() -> None:
    for model, excluded in TRACKED.items():
        register(model, app="audit", excluded_fields=excluded)
