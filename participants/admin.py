from django.contrib import admin

from participants.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "organisation", "city", "email", "user"]
    list_filter = ["city", "language"]
    search_fields = ["name", "job_title", "email", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["organisation", "city", "user"]
    list_select_related = ["organisation", "city", "user"]
