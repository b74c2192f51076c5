"""The one-click page of a follow-up check-in: the owner of an action posts an update without logging in.

The link in the check-in e-mail is signed (``exchanges.services.check_ins.check_in_token``); a forged or expired
link gets 404. The page is in the owner's language.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from exchanges.forms.next_steps import NextStepUpdateForm
from exchanges.services.check_ins import check_in_answer, check_in_from_token


@never_cache
def check_in(request, token):
    found = check_in_from_token(token)
    if found is None:
        raise Http404
    step = found.next_step
    form = NextStepUpdateForm(request.POST or None) if found.update_id is None else None
    status = 200
    with translation.override(step.owner_person.language if step.owner_person_id else None):
        if request.method == "POST" and form is not None:
            if form.is_valid():
                check_in_answer(
                    check_in=found, text=form.cleaned_data["text"], new_status=form.cleaned_data["new_status"]
                )
                return redirect(request.path)
            else:
                status = 400
        context = {"check_in": found, "step": step, "exchange": step.exchange, "form": form}
        response = render(request, "exchanges/next_steps/check_in.html", context, status=status)
        response.headers.setdefault("Content-Language", translation.get_language())
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
