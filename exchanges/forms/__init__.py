from datetime import UTC, datetime, time

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative, Organisation
from core.forms import AutoSlugMixin, ModelMultipleChoiceField, TranslatedFieldsMixin, per_language, translated
from core.pickers import PickerSelect, PickerSelectMultiple
from core.validators import validate_calendar_date
from exchanges.access import exchange_city_ids
from exchanges.forms.pickers import (
    describe_city,
    describe_organisation,
    describe_person,
    describe_venue,
    first_of_cities,
    search_url,
)
from exchanges.models import Delegation, Exchange, Membership, Objective, Programme, Session, Venue
from exchanges.services import RESERVED_SLUGS, STATUS_TRANSITIONS
from participants.forms import person_label
from participants.models import Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ExchangeCitiesMixin:
    """The host city cannot also be a visiting city."""

    def clean(self):
        cleaned = super().clean()
        host = cleaned.get("host_city")
        visiting = cleaned.get("visiting_cities") or []
        if host and host in visiting:
            self.add_error(
                "visiting_cities",
                _("%(city)s hosts this exchange, so it cannot also be a visiting city.") % {"city": host},
            )
        return cleaned


class ExchangeAdminForm(ExchangeCitiesMixin, forms.ModelForm):
    class Meta:
        model = Exchange
        fields = "__all__"  # noqa: DJ007 - the admin edits every field


class ExchangeForm(AutoSlugMixin, TranslatedFieldsMixin, ExchangeCitiesMixin, forms.ModelForm):
    """An exchange's details. The status has its own form: only staff change it."""

    translated_fields = ("title", "description")
    slug_fallback = "exchange"
    reserved_slugs = frozenset(RESERVED_SLUGS)

    slug = forms.SlugField(
        label=_("Web address"),
        max_length=255,
        required=False,
        help_text=_("Part of the page address, e.g. dakar-montreal-2017. Left empty, it is made from the title."),
    )

    class Meta:
        model = Exchange
        fields = [
            "programme",
            *translated("title"),
            "slug",
            "host_city",
            "visiting_cities",
            "start_date",
            "end_date",
            "host_contact",
            "themes",
            *translated("description"),
            "transfer_buffer_minutes",
            "is_public",
            "is_template",
        ]
        field_classes = {"visiting_cities": ModelMultipleChoiceField, "themes": ModelMultipleChoiceField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "host_city": PickerSelect(describe=describe_city),
            "host_contact": PickerSelect(describe=describe_person),
            "visiting_cities": PickerSelectMultiple(describe=describe_city),
            "themes": forms.CheckboxSelectMultiple,
            **per_language({"description": forms.Textarea(attrs={"rows": 3})}),
        }

    def __init__(self, *args, host_cities=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if host_cities is not None:
            self.fields["host_city"].queryset = host_cities
        # ``people``: those the user may read (``exchanges.access.visible_people``); all by default.
        # The exchange's own cities' people first (its host contact is one of them).
        city_ids = exchange_city_ids(self.instance) if self.instance.pk else set()
        people = (Person.objects.all() if people is None else people).select_related("organisation", "city")
        self.fields["host_contact"].queryset = first_of_cities(people, city_ids, "name")
        self.fields["host_contact"].widget.search_url = search_url("person_options", self.instance)
        self.fields["visiting_cities"].queryset = City.objects.order_by("name")
        self.fields["visiting_cities"].help_text = _("A delegation is created for each visiting city.")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if not slug:
            return slug  # made from the title when saving (AutoSlugMixin)
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("“%(slug)s” is reserved; choose another web address."), params={"slug": slug})
        taken = Exchange.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another exchange already uses this web address."))
        return slug

    def slug_text(self) -> str:
        data = self.cleaned_data
        return data.get("title") or data.get("title_en") or data.get("title_fr") or ""


class ExchangeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Exchange.Status.choices)

    def __init__(self, *args, exchange, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = STATUS_TRANSITIONS.get(exchange.status, set())
        self.fields["status"].choices = [(value, label) for value, label in Exchange.Status.choices if value in allowed]


class ProgrammeForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "description")

    class Meta:
        model = Programme
        fields = [
            *translated("name"),
            "slug",
            "organiser",
            "start_date",
            "end_date",
            "planned_exchanges",
            *translated("description"),
            "requires_sign_off",
            "check_in_months",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("“%(slug)s” is reserved; choose another web address."), params={"slug": slug})
        return slug


class ObjectiveForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("lead", "detail")

    class Meta:
        model = Objective
        fields = translated("lead", "detail")
        widgets = per_language({"detail": forms.Textarea(attrs={"rows": 3})})
        help_texts = per_language(
            {
                "lead": _("Shown in bold, e.g. “Sharing vital practical tools and initiatives”."),
                "detail": _("Follows the lead, e.g. “to reduce local risk, prevent violence…”."),
            }
        )


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["city", "role"]

    def __init__(self, *args, exchange, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exchange = exchange
        taken = Delegation.objects.filter(exchange=exchange).values("city_id")
        self.fields["city"].queryset = City.objects.exclude(pk__in=taken).order_by("name")
        self.fields["city"].error_messages["invalid_choice"] = _(
            "Choose a city from the list; a city that already has a delegation in this exchange is not offered."
        )


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role"]
        widgets = {"person": PickerSelect(describe=describe_person)}

    def __init__(self, *args, delegation, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.delegation = delegation
        # The delegation's own city's people first.
        people = (Person.objects.all() if people is None else people).select_related("organisation", "city")
        self.fields["person"].queryset = first_of_cities(people, [delegation.city_id], "name")
        self.fields["person"].widget.search_url = search_url("person_options", delegation.exchange)
        self.fields["person"].label_from_instance = person_label

    def clean_person(self):
        # The unique constraint names the delegation, which is not a field here, so the form does not check it.
        person = self.cleaned_data["person"]
        if Membership.objects.filter(delegation=self.instance.delegation, person=person).exists():
            raise forms.ValidationError(_("%(person)s is already a member of this delegation.") % {"person": person})
        return person


class VenueForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("description",)

    class Meta:
        model = Venue
        fields = ["name", "kind", "address", "district", "city", "host_organisation", *translated("description")]
        widgets = per_language({"description": forms.Textarea(attrs={"rows": 3})})

    def __init__(self, *args, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cities is not None:
            self.fields["city"].queryset = cities


# Daily blocks of one session: a month at most (each day is a session of its own).
MAX_SERIES_DAYS = 31


def _local(day, clock: time, tz) -> datetime | None:
    """Wall-clock time in the host city as an aware UTC datetime, or None if the clocks skip it.

    An ambiguous time (the repeated hour when clocks go back) means its first occurrence.
    """
    local = datetime.combine(day, clock, tzinfo=tz)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return local.astimezone(UTC)


class SessionForm(TranslatedFieldsMixin, forms.ModelForm):
    """A session; the day and times are in the host city's time zone and stored as UTC."""

    translated_fields = ("title", "description", "notes")

    day = forms.DateField(label=_("Day"), widget=DateInput(), validators=[validate_calendar_date])
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    end_day = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        validators=[validate_calendar_date],
        help_text=_(
            "For a session over several days, like a two-day workshop: one block a day with these hours, up to"
            " this day. Empty: this day only."
        ),
    )
    series_scope = forms.ChoiceField(
        label=_("Change"),
        choices=[("all", _("every day of this session")), ("one", _("this day only"))],
        initial="all",
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Session
        fields = [
            "kind",
            *translated("title", "description"),
            "venue",
            "presenters",
            "organisations",
            "initiatives",
            "attending_delegations",
            "confidentiality",
            *translated("notes"),
        ]
        field_classes = dict.fromkeys(
            ["presenters", "organisations", "initiatives", "attending_delegations"], ModelMultipleChoiceField
        )
        widgets = {
            **per_language({"description": forms.Textarea(attrs={"rows": 3})}),
            **per_language({"notes": forms.Textarea(attrs={"rows": 4})}),
            "attending_delegations": forms.CheckboxSelectMultiple,
            "venue": PickerSelect(describe=describe_venue),
            "presenters": PickerSelectMultiple(describe=describe_person),
            "organisations": PickerSelectMultiple(describe=describe_organisation),
            "initiatives": forms.SelectMultiple(attrs={"size": 4}),
        }

    field_order = ["kind", *translated("title"), "series_scope", "day", "start_time", "end_time", "end_day"]

    def __init__(self, *args, exchange, day=None, people=None, city_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exchange = exchange
        self.tz = exchange.tzinfo
        # The pickers list the exchange's own cities' venues, people and organisations first (``city_ids``:
        # those cities, when the caller read them already, as an import does once for all its rows).
        city_ids = exchange_city_ids(exchange) if city_ids is None else city_ids
        venues = Venue.objects.select_related("city")
        self.fields["venue"].queryset = first_of_cities(venues, city_ids, "city__name", "name")
        self.fields["venue"].label_from_instance = lambda venue: f"{venue.name} ({venue.city.name})"
        self.fields["venue"].help_text = _("Required for a site visit.")
        people = (Person.objects.all() if people is None else people).select_related("organisation", "city")
        self.fields["presenters"].queryset = first_of_cities(people, city_ids, "name")
        self.fields["presenters"].widget.search_url = search_url("person_options", exchange)
        self.fields["presenters"].label_from_instance = person_label
        organisations = Organisation.objects.select_related("city")
        self.fields["organisations"].queryset = first_of_cities(organisations, city_ids, "name")
        self.fields["organisations"].widget.search_url = search_url("organisation_options", exchange)
        self.fields["initiatives"].queryset = Initiative.objects.order_by("name")
        self.fields["attending_delegations"].queryset = Delegation.objects.filter(exchange=exchange).select_related(
            "city"
        )
        self.fields["attending_delegations"].label_from_instance = lambda d: d.city.name
        # Left out of a post (an older form, a script): the session keeps its level, a new one is public.
        self.fields["confidentiality"].required = False
        for name in ("presenters", "organisations"):
            self.fields[name].help_text = _(
                "Type to find and choose several (without JavaScript: hold Ctrl, ⌘ on a Mac)."
            )
        self.fields["initiatives"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        if self.instance.series is None:
            del self.fields["series_scope"]
        else:
            # A block of a series: the series' days are set when it is made (or by editing one day alone).
            del self.fields["end_day"]
        if self.instance.pk:
            start, end = self.instance.local_start(), self.instance.local_end()
            self.initial.update(day=start.date(), start_time=start.time(), end_time=end.time())
            if end.date() != start.date() and "end_day" in self.fields:
                # A session stored over several days (before daily blocks): saving makes it daily blocks.
                self.initial["end_day"] = end.date()
        else:
            self.initial.setdefault("day", day or exchange.start_date)
            self.initial.setdefault("start_time", time(9, 0))
            self.initial.setdefault("end_time", time(10, 0))

    def clean_confidentiality(self):
        return self.cleaned_data.get("confidentiality") or self.instance.confidentiality

    def clean(self):
        cleaned = super().clean()
        day, start_time, end_time = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day is None or start_time is None or end_time is None:
            return cleaned
        last_day = cleaned.get("end_day")
        if last_day is not None and last_day < day:
            self.add_error("end_day", _("The last day must be on or after the first day."))
            return cleaned
        if last_day is not None and (last_day - day).days >= MAX_SERIES_DAYS:
            self.add_error(
                "end_day",
                _("A session repeats on at most %(days)s days; add another session for the days after.")
                % {"days": MAX_SERIES_DAYS},
            )
            return cleaned
        cleaned["last_day"] = last_day if last_day is not None and last_day > day else None
        start = _local(day, start_time, self.tz)
        end = _local(day, end_time, self.tz)
        city = self.exchange.host_city.name
        if start is None:
            self.add_error(
                "start_time", _("Clocks in %(city)s skip this time on that day; choose another.") % {"city": city}
            )
        if end is None:
            self.add_error(
                "end_time", _("Clocks in %(city)s skip this time on that day; choose another.") % {"city": city}
            )
        if start is None or end is None:
            return cleaned
        if end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
            return cleaned
        cleaned["start"], cleaned["end"] = start, end
        self.instance.start, self.instance.end = start, end
        return cleaned

    @property
    def whole_series(self) -> bool:
        """Whether the change applies to every block of the session's series."""
        return self.instance.series is not None and self.cleaned_data.get("series_scope") != "one"

    def session_values(self) -> dict:
        """The cleaned values the session services take."""
        names = ["kind", *translated("title", "description", "notes"), "venue", "start", "end", "confidentiality"]
        names += ["presenters", "organisations", "initiatives", "attending_delegations"]
        return {name: self.cleaned_data[name] for name in names}
