from django.contrib import admin

from participants.models import Delegation, Membership, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "organisation", "city", "email", "user"]
    list_filter = ["city", "language"]
    search_fields = ["name", "job_title", "email", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["organisation", "city", "user"]
    list_select_related = ["organisation", "city", "user"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "exchange", "role"]
    list_filter = ["role", "city"]
    search_fields = ["city__name", "exchange__title"]
    autocomplete_fields = ["exchange", "city"]
    list_select_related = ["exchange", "city"]
    inlines = [MembershipInline]
