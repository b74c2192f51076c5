from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import has_control_characters


class WebsiteField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class SingleLineFormField(forms.CharField):
    """A form's text field for one line: line breaks and other control characters are refused.

    Refused rather than silently joined: a title pasted across two lines may have lost or gained a word
    at the break, and the person who typed it is the one to say how it should read.
    """

    default_error_messages = {
        "control_characters": _("Keep this on one line: remove line breaks, tabs and other control characters."),
    }

    def validate(self, value):
        super().validate(value)
        if has_control_characters(value):
            raise ValidationError(self.error_messages["control_characters"], code="control_characters")


class SingleLineCharField(models.CharField):
    """A CharField for text a person types on one line (titles, names, job titles, places).

    Its form field refuses line breaks and control characters with a message next to the field;
    model validation (``full_clean``) refuses them too. Writers of line-based formats still fold
    values with ``core.text.one_line``, for rows written before this rule or around the forms.
    """

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", SingleLineFormField)
        return super().formfield(**kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(
                SingleLineFormField.default_error_messages["control_characters"], code="control_characters"
            )
