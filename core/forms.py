"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids beyond the database's integer range as invalid choices.

    Django checks each chosen id with an exact lookup, which copes with any number, but then loads
    them with an ``__in`` query, which sends a huge id to the database: OverflowError on SQLite,
    an out-of-range error on PostgreSQL, and a 500 for a tampered form.
    """

    def _check_values(self, value):
        model = self.queryset.model
        field = model._meta.pk if not self.to_field_name else model._meta.get_field(self.to_field_name)
        if isinstance(field, models.IntegerField) and isinstance(value, list | tuple):
            connection = connections[router.db_for_read(model)]
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # Django's own check says it is not an id
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)
