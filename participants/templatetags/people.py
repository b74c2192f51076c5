from django import template

from participants.selectors import author_label

register = template.Library()


@register.simple_tag(takes_context=True)
def author(context, user) -> str:
    """``{% author version.created_by %}``: the author as the viewer may see them (``author_label``)."""
    return author_label(user, context["request"].user)
