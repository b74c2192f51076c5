"""The exchange's translation status: which of its texts lack a language, with a link to each form."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from exchanges.access import get_exchange_for_user_or_404
from exchanges.selectors.translations import translation_status


@login_required
def translation_status_page(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    status = translation_status(exchange)
    return render(
        request,
        "exchanges/translations.html",
        {"exchange": exchange, "status": status, "counts": list(status.languages.values())},
    )
