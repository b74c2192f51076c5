"""Search-as-you-type pickers: a plain <select> that ``static/js/pickers.js`` turns into a Tom Select.

Without JavaScript the select lists every choice (a multiple one with Ctrl-click). With it, the select
becomes a combobox: typing filters the choices by their label and by ``search`` words (organisation,
acronym, city) given to each option in ``data-data``, the chosen ones are chips that Backspace or their
× removes, and choices of the exchange's own cities (``rank`` 0) come first. A picker with ``search_url``
also asks that endpoint (JSON, ``format=json``) as one types, for matches the page does not hold.
"""

import json

from django import forms


class PickerMixin:
    """``describe(obj) -> (search words, rank)`` gives each option its search text and order."""

    def __init__(self, attrs=None, *, search_url: str = "", describe=None, **kwargs):
        super().__init__(attrs, **kwargs)
        self.search_url = search_url
        self.describe = describe

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.search_url, copy.describe = self.search_url, self.describe
        return copy

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-picker"] = "multiple" if self.allow_multiple_selected else "single"
        if self.search_url:
            widget_attrs["data-picker-url"] = self.search_url
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and self.describe is not None:
            search, rank = self.describe(instance)
            option["attrs"]["data-data"] = json.dumps({"search": search, "rank": rank}, ensure_ascii=False)
        return option


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass
