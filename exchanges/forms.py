from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.models import Exchange


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
