from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from participants.models import Person


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "job_title", "organisation", "city", "email", "user"]
    list_filter = ["city", "language"]
    search_fields = ["name", "job_title", "email", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["organisation", "city", "user"]
    list_select_related = ["organisation", "city", "user"]
