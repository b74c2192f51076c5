"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.text import save_with_unique_slug, unique_slug
from core.translated import LANGUAGE_CODES, reader_language

# "Title (English)" / "Titre (français)": the language a field is in, worded in the interface's language.
LANGUAGE_LABELS = {"en": _("%(label)s (English)"), "fr": _("%(label)s (French)")}


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
        """The name the slug is made from: the name, or a translated name in either language."""
        data = self.cleaned_data
        return data.get("name") or data.get("name_en") or data.get("name_fr") or ""

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


def translated(*names: str) -> list[str]:
    """Form field names of translated texts: ``translated("title")`` -> ``["title_en", "title_fr"]``."""
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


def per_language(options: dict) -> dict:
    """Meta.widgets / help_texts given per base name, for each language's field."""
    return {f"{name}_{code}": value for name, value in options.items() for code in LANGUAGE_CODES}


class TranslatedPair:
    """The fields of one text in every language, rendered side by side by core/includes/translated_pair.html."""

    is_pair = True

    def __init__(self, name: str, fields: list, *, required: bool):
        self.name = name
        self.fields = fields
        self.required = required

    @property
    def label(self):
        return self.fields[0].field.base_label

    @property
    def errors(self):
        return [error for field in self.fields for error in field.errors]


class TranslatedFieldsMixin:
    """A ModelForm mixin editing translated texts in both languages at once.

    List the texts in ``translated_fields`` (base names) and their ``_en``/``_fr`` columns in ``Meta.fields``
    (``translated("title")``). Each language gets a label such as "Title (English)" / "Titre (français)"; no
    language is required, but a text the model requires must exist in at least one of them. Templates
    render ``form.visible_rows`` (single fields, and a ``TranslatedPair`` per text) or ``form.pairs.title``.
    A form posted with the base name only (``title=…``: scripts, older clients) fills the reader's language.
    """

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        data = kwargs.get("data", args[0] if args else None)
        if data is not None and self.translated_fields:
            data = data.copy()
            reader = reader_language()
            for name in self.translated_fields:
                if name in data and not any(f"{name}_{code}" in data for code in LANGUAGE_CODES):
                    data[f"{name}_{reader}"] = data[name]
            if "data" in kwargs:
                kwargs["data"] = data
            else:
                args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self._required_texts = set()
        for name in self.translated_fields:
            model_field = self._meta.model._meta.get_field(name)
            if not model_field.blank:
                self._required_texts.add(name)
            for code in LANGUAGE_CODES:
                field = self.fields.get(f"{name}_{code}")
                if field is None:
                    continue
                field.required = False
                field.base_label = capfirst(model_field.verbose_name)
                field.label = LANGUAGE_LABELS[code] % {"label": field.base_label}
                field.widget.attrs["lang"] = code
                if model_field.help_text and not field.help_text:
                    field.help_text = model_field.help_text

    def clean(self):
        cleaned = super().clean()
        reader = reader_language()
        for name in self._required_texts:
            names = [f"{name}_{code}" for code in LANGUAGE_CODES if f"{name}_{code}" in self.fields]
            if names and not any((cleaned.get(field) or "").strip() for field in names):
                label = self.fields[names[0]].base_label
                target = f"{name}_{reader}" if f"{name}_{reader}" in self.fields else names[0]
                self.add_error(
                    target,
                    _("Give the %(text)s in English or in French (or both).") % {"text": str(label).lower()},
                )
        return cleaned

    @property
    def pairs(self) -> dict[str, TranslatedPair]:
        pairs = {}
        for name in self.translated_fields:
            fields = [self[f"{name}_{code}"] for code in LANGUAGE_CODES if f"{name}_{code}" in self.fields]
            if fields:
                pairs[name] = TranslatedPair(name, fields, required=name in self._required_texts)
        return pairs

    @property
    def visible_rows(self) -> list:
        """The visible fields in order, each translated text's languages gathered into one TranslatedPair."""
        pairs = self.pairs
        by_field = {field: pair for pair in pairs.values() for field in (bound.name for bound in pair.fields)}
        rows, seen = [], set()
        for bound in self.visible_fields():
            pair = by_field.get(bound.name)
            if pair is None:
                rows.append(bound)
            elif pair.name not in seen:
                seen.add(pair.name)
                rows.append(pair)
        return rows
