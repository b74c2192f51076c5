from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from exchanges.access import require_staff
from exchanges.models import Programme
from exchanges.selectors import next_steps as selectors
from exchanges.selectors.action_plan import SILENT_AFTER_DAYS, actions_needing_attention

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
    attention, attention_more = actions_needing_attention(today)
    context = {
        "status_counts": selectors.status_counts(),
        "page": page,
        "rows": rows,
        "chart": selectors.progress_chart(rows),
        "updates": selectors.latest_updates(),
        "today": today,
        "attention": attention,
        "attention_more": attention_more,
        "silent_days": SILENT_AFTER_DAYS,
        "programmes": Programme.objects.order_by("-start_date", "name")[:PROGRAMMES_LISTED],
    }
    return render(request, "exchanges/dashboard.html", context)
