"""Texts of the participants app that exist in English and French. People's names are not translated."""

from modeltranslation.translator import TranslationOptions, register

from participants.models import Person


@register(Person)
class PersonTranslation(TranslationOptions):
    # An honorific may be a title ("Commander" / "Commandant"), so it is translated with the job title.
    fields = ("honorific", "job_title")
