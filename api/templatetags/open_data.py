"""Open-data pieces of other apps' pages: the JSON-LD of a public exchange, and the export buttons
for those allowed (the tags ask api.selectors, so templates repeat no rule)."""

from django import template
from django.utils.safestring import mark_safe

from api.selectors import may_export_people
from api.structured_data import as_script_text, exchange_json_ld
from exchanges import versions

register = template.Library()


@register.simple_tag
def exchange_structured_data(exchange):
    """A ``<script type="application/ld+json">`` data block (never executed; CSP script-src does not
    apply to data blocks) for a public exchange, else nothing."""
    return mark_safe(versions.cached(versions.cache_key("json-ld", exchange), lambda: _structured_data(exchange)))  # noqa: S308 - escaped JSON


def _structured_data(exchange) -> str:
    """Built for the public whoever asks, so one copy per content version and language serves every viewer."""
    data = exchange_json_ld(exchange)
    if data is None:
        return ""
    return f'<script type="application/ld+json">{as_script_text(data)}</script>'


@register.inclusion_tag("api/includes/export_links.html", takes_context=True)
def export_links(context, exchange, *, parts="agenda next_steps people"):
    user = context["request"].user
    wanted = set(parts.split())
    return {
        "exchange": exchange,
        "agenda": "agenda" in wanted,
        "next_steps": "next_steps" in wanted,
        "people": "people" in wanted and may_export_people(user, exchange),
    }
