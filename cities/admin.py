from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cities.models import City, Coordinator, Initiative, Organisation, Theme


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "country", "region", "time_zone", "member_since", "is_member", "is_public"]
    list_filter = ["is_member", "is_public", "region", "country"]
    search_fields = ["name", "country", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoordinatorInline]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "kind", "city", "website"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["city", "parent"]


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "city", "lead_organisation"]
    list_filter = ["city", "themes"]
    search_fields = ["name", "acronym", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["city", "lead_organisation"]
    filter_horizontal = ["themes"]
