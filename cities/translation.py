"""Texts of the cities app that exist in English and French (django-modeltranslation: a column per language).

Names of cities and slugs are not translated; a city's country, region and languages are words a reader
sees ("Sénégal", "Afrique de l'Ouest", "français, wolof"), so they are.
"""

from modeltranslation.translator import TranslationOptions, register

from cities.models import City, Initiative, Organisation, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    # name is unique: an empty French name is stored as NULL, so that two themes without French do not clash.
    empty_values = {"name": None}


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("country", "region", "languages", "profile")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    # Where the names differ: "Service de police de la Ville de Montréal" / SPVM; ICPC / CIPC.
    fields = ("name", "acronym", "description")


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "acronym", "summary", "description")
