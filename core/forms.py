"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router

from core.text import save_with_unique_slug, unique_slug


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


class AutoSlugMixin:
    """For a ModelForm of a model with a unique ``slug``: a slug left empty is made from the name when saved.

    The slug is transliterated from any script and never empty (``core.text.slug_from``), and the save is
    retried with the next free slug if another request took it meanwhile (``save_with_unique_slug``).
    A slug the person typed is kept as typed (the form's own ``clean_slug`` says when it is taken).
    """

    slug_fallback = "item"
    reserved_slugs: frozenset = frozenset()

    def slug_text(self) -> str:
        return self.cleaned_data.get("name") or ""

    def save(self, commit=True):
        chosen = self.cleaned_data.get("slug") if "slug" in self.fields else self.instance.slug
        if chosen:
            return super().save(commit=commit)
        if not commit:
            self.instance.slug = unique_slug(
                type(self.instance),
                self.slug_text(),
                max_length=type(self.instance)._meta.get_field("slug").max_length,
                fallback=self.slug_fallback,
                exclude_pk=self.instance.pk,
                reserved=self.reserved_slugs,
            )
            return super().save(commit=False)
        return save_with_unique_slug(
            self.instance,
            text=self.slug_text(),
            fallback=self.slug_fallback,
            reserved=self.reserved_slugs,
            save=lambda: super(AutoSlugMixin, self).save(commit=True),
        )
