from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from exchanges.agenda import host_zone
from exchanges.forms import ExchangeAdminForm
from exchanges.models import (
    AgendaChange,
    Delegation,
    Exchange,
    Membership,
    NextStep,
    Objective,
    Partnership,
    PartnershipCity,
    PracticeAdoption,
    Programme,
    Session,
    Venue,
)
from exchanges.wording import ChangeWording


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "organiser", "start_date", "end_date", "planned_exchanges"]
    search_fields = ["name", "organiser__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organiser"]


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0
    fields = ["position", "lead", "detail"]


class DelegationInline(admin.TabularInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["city"]
    show_change_link = True


class SessionInline(TranslationTabularInline):
    model = Session
    extra = 0
    fields = ["kind", "title", "start", "end", "venue"]
    autocomplete_fields = ["venue"]
    show_change_link = True


class NextStepInline(TranslationTabularInline):
    model = NextStep
    extra = 0
    fields = ["position", "text", "owner_organisation", "owner_person", "due_date", "status"]
    autocomplete_fields = ["owner_organisation", "owner_person"]


@admin.register(Exchange)
class ExchangeAdmin(TranslationAdmin):
    form = ExchangeAdminForm
    list_display = ["title", "host_city", "start_date", "end_date", "status", "is_public"]
    list_filter = ["status", "is_public", "host_city", "programme"]
    search_fields = ["title", "host_city__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "host_city", "host_contact"]
    filter_horizontal = ["visiting_cities", "themes"]
    list_select_related = ["host_city"]
    date_hierarchy = "start_date"
    inlines = [ObjectiveInline, DelegationInline, SessionInline, NextStepInline]


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    list_display = ["name", "kind", "district", "city", "host_organisation"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "address", "district"]
    autocomplete_fields = ["city", "host_organisation"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["title", "exchange", "kind", "start", "end", "venue"]
    list_filter = ["kind", "exchange"]
    search_fields = ["title", "description", "notes"]
    autocomplete_fields = ["exchange", "venue", "presenters", "organisations", "initiatives", "attending_delegations"]
    list_select_related = ["exchange", "venue"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_outside_exchange_dates:
            self.message_user(
                request,
                _("“%(session)s” is outside the exchange's dates.") % {"session": obj.title},
                level=messages.WARNING,
            )


@admin.register(NextStep)
class NextStepAdmin(TranslationAdmin):
    list_display = ["__str__", "exchange", "owner_organisation", "owner_person", "due_date", "status"]
    list_filter = ["status", "exchange"]
    search_fields = ["text"]
    autocomplete_fields = ["exchange", "owner_organisation", "owner_person", "objective"]


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    list_display = ["lead", "exchange", "position"]
    list_filter = ["exchange"]
    search_fields = ["lead", "detail"]
    autocomplete_fields = ["exchange"]


@admin.register(AgendaChange)
class AgendaChangeAdmin(admin.ModelAdmin):
    list_display = ["session_title", "exchange", "action", "changed_by", "created_at", "notified_at"]
    list_filter = ["action", "exchange"]
    search_fields = ["session_title", "summary"]
    readonly_fields = ["worded", *(field.name for field in AgendaChange._meta.fields)]

    @admin.display(description=_("what changed, in your language"))
    def worded(self, change):
        lines = ChangeWording(change, host=host_zone(change.exchange), home=None).lines
        return format_html_join("\n", "{}<br>", ((line,) for line in lines))

    def has_add_permission(self, request):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "exchange", "role"]
    list_filter = ["role", "city"]
    search_fields = ["city__name", "exchange__title"]
    autocomplete_fields = ["exchange", "city"]
    list_select_related = ["exchange", "city"]
    inlines = [MembershipInline]


class PartnershipCityInline(admin.TabularInline):
    model = PartnershipCity
    extra = 2
    autocomplete_fields = ["city"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    """Staff create partnerships here; each city's coordinators choose a public page on the partnership's page."""

    list_display = ["slug", "since"]
    search_fields = ["slug", "cities__name"]
    inlines = [PartnershipCityInline]


@admin.register(PracticeAdoption)
class PracticeAdoptionAdmin(TranslationAdmin):
    list_display = ["city", "initiative", "exchange", "adopted_on"]
    list_filter = ["city"]
    autocomplete_fields = ["city", "initiative", "exchange"]
