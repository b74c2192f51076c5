"""Learning notes: what a participant keeps from a session, for themselves or for their delegation."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from exchanges.models.delegations import Delegation
from exchanges.models.sessions import Session
from participants.models import Person


class LearningNote(models.Model):
    """A participant's note on one session, written during or after the exchange.

    ``uid`` is made by the browser that typed the note (it may be typed offline and sent later, more
    than once): a second send with the same ``uid`` finds the note already saved. A note is written in
    its author's words and language, for themselves or their delegation: it is not translated.
    """

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Only me")
        DELEGATION = "delegation", _("My delegation")

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="learning_notes", verbose_name=_("session")
    )
    author = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="learning_notes", verbose_name=_("author")
    )
    # The author's delegation in the session's exchange when the note is shared with it.
    delegation = models.ForeignKey(
        Delegation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_notes",
        verbose_name=_("shared with delegation"),
    )
    visibility = models.CharField(
        _("shared with"), max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning note")
        verbose_name_plural = _("learning notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def is_shared(self) -> bool:
        return self.visibility == self.Visibility.DELEGATION
