"""Personal API tokens: staff and city coordinators make them (the secret is shown once) and revoke them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api import services
from api.access import get_own_token_or_404, require_token_holder
from api.forms import TokenForm
from api.models import ApiToken

# The new token's secret waits in the session for the one page that shows it, then is gone.
NEW_SECRET_KEY = "api_new_token_secret"  # noqa: S105 - a session key, not a secret


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    require_token_holder(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = services.token_create(user=request.user, name=form.cleaned_data["name"])
        request.session[NEW_SECRET_KEY] = {"id": token.pk, "secret": secret}
        return redirect("open_data:token_list")
    new = request.session.pop(NEW_SECRET_KEY, None)
    context = {
        "form": form,
        "tokens": list(ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")),
        "new_secret": new["secret"] if new else None,
        "new_token_id": new["id"] if new else None,
        "docs_url": reverse("open_data:docs"),
    }
    return render(request, "api/token_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    token = get_own_token_or_404(request.user, pk)
    if request.method == "POST":
        services.token_revoke(token=token)
        messages.success(request, _("Token “%(name)s” revoked: it no longer opens the API.") % {"name": token.name})
        return redirect("open_data:token_list")
    return render(request, "api/token_revoke.html", {"token": token})
