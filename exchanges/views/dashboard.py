from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from exchanges.access import require_staff
from exchanges.models import Programme
from exchanges.selectors import next_steps as selectors

EXCHANGES_PER_PAGE = 20
# The dashboard links the indicators of the latest programmes (the programmes page lists them all).
PROGRAMMES_LISTED = 10


def dashboard(request):
    require_staff(request.user)
    today = timezone.localdate()
    page = Paginator(selectors.exchanges_with_next_step_counts(today), EXCHANGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    context = {
        "status_counts": selectors.status_counts(),
        "page": page,
        "rows": rows,
        "chart": selectors.progress_chart(rows),
        "updates": selectors.latest_updates(),
        "today": today,
        "programmes": Programme.objects.order_by("-start_date", "name")[:PROGRAMMES_LISTED],
    }
    return render(request, "exchanges/dashboard.html", context)
