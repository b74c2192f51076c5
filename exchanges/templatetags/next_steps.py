from django import template
from django.utils import timezone

from exchanges.selectors.next_steps import my_next_steps as select_my_next_steps

register = template.Library()


@register.inclusion_tag("exchanges/next_steps/_mine.html", takes_context=True)
def my_next_steps(context):
    """The viewer's own open next steps, for the home page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    steps = select_my_next_steps(user) if user is not None and user.is_authenticated else []
    today = timezone.localdate()
    for step in steps:
        step.overdue = step.is_overdue(today)
    return {"steps": steps, "show": user is not None and user.is_authenticated}
