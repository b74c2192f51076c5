"""Texts of the exchanges app that exist in English and French. Names of venues and sites are not translated."""

from modeltranslation.translator import TranslationOptions, register

from exchanges.models import (
    Exchange,
    NextStep,
    NextStepUpdate,
    Objective,
    PracticeAdoption,
    Programme,
    Session,
    Venue,
)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Exchange)
class ExchangeTranslation(TranslationOptions):
    fields = ("title", "description", "outcome")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("lead", "detail")


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("description",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description", "notes")


@register(NextStep)
class NextStepTranslation(TranslationOptions):
    fields = ("text",)


@register(NextStepUpdate)
class NextStepUpdateTranslation(TranslationOptions):
    fields = ("text",)


@register(PracticeAdoption)
class PracticeAdoptionTranslation(TranslationOptions):
    fields = ("text",)
