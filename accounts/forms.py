from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from cities.models import City, Coordinator


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The invitation goes to this address; it becomes their login.")
    )


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords differ."))
        if password2:
            # Checked against an unsaved user so that "similar to your e-mail" works.
            password_validation.validate_password(password2, get_user_model()(email=self.email))
        return password2


class AnonymiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("Account e-mail address"), help_text=_("The person must have an account."))
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.order_by("name"))

    def clean(self):
        cleaned = super().clean()
        email, city = cleaned.get("email"), cleaned.get("city")
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error("email", _("No active account uses this address. Invite the person first."))
            elif city is not None and Coordinator.objects.filter(user=user, city=city).exists():
                self.add_error("city", _("This account already coordinates this city."))
            cleaned["user"] = user
        return cleaned
