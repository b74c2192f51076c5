"""Forms of the agenda builder's moves and of copying an exchange."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TranslatedFieldsMixin, translated
from core.translated import LANGUAGE_CODES
from core.validators import validate_calendar_date
from exchanges.forms import DateInput, TimeInput, _local
from exchanges.models import Exchange, Session


class SessionMoveForm(forms.Form):
    """Move a session to another day and time (host city time); an end time resizes it, else it keeps its length.

    The keyboard's "Move to…" and the drag and drop of the builder post this same form.
    """

    day = forms.DateField(label=_("Day"), widget=DateInput(), validators=[validate_calendar_date])
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(
        label=_("Ends at"), required=False, widget=TimeInput(), help_text=_("Empty: the session keeps its length.")
    )

    def __init__(self, *args, session: Session, **kwargs):
        # One form per session on the builder page: ids of their own, the same field names (drag and drop fills them).
        kwargs.setdefault("auto_id", f"id_move_{session.pk}_%s")
        super().__init__(*args, **kwargs)
        self.session = session
        self.tz = session.exchange.tzinfo
        start = session.local_start()
        self.initial.setdefault("day", start.date())
        self.initial.setdefault("start_time", start.time())

    def clean(self):
        cleaned = super().clean()
        day, start_time, end_time = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day is None or start_time is None:
            return cleaned
        city = self.session.exchange.host_city.name
        skipped = _("Clocks in %(city)s skip this time on that day; choose another.") % {"city": city}
        start = _local(day, start_time, self.tz)
        if start is None:
            self.add_error("start_time", skipped)
            return cleaned
        end = None
        if end_time is not None:
            # An end at or before the start is on the next day only at midnight (a block dragged to the day's end).
            end_day = day + timedelta(days=1) if end_time.hour == end_time.minute == 0 else day
            end = _local(end_day, end_time, self.tz)
            if end is None:
                self.add_error("end_time", skipped)
                return cleaned
            if end <= start:
                self.add_error("end_time", _("The session must end after it starts."))
                return cleaned
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


class ExchangeCopyForm(TranslatedFieldsMixin, forms.ModelForm):
    """The new exchange's title (in each language) and first day; the rest comes from the copied exchange
    (``exchanges.services.copies.exchange_copy``). The instance is never saved: the service makes the copy."""

    translated_fields = ("title",)

    is_template = forms.BooleanField(
        label=_("Keep the copy as a template of the programme"),
        required=False,
        help_text=_("Templates are offered on the programme's page as the start of new exchanges."),
    )

    class Meta:
        model = Exchange
        fields = [*translated("title"), "start_date"]
        widgets = {"start_date": DateInput()}
        labels = {"start_date": _("First day of the new exchange")}
        help_texts = {"start_date": _("Sessions move by as many days, at the same times of day.")}

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}") or "" for code in LANGUAGE_CODES}
