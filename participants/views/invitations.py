"""Invitations: staff invite a person to open an account; the person accepts by the e-mailed link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities.access import require_staff
from participants import services
from participants.forms import AcceptInvitationForm, InvitationForm
from participants.models import Person

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _staff_person_or_404(request, pk) -> Person:
    require_staff(request.user)
    return get_object_or_404(Person.objects.select_related("organisation", "city", "user"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request, pk):
    person = _staff_person_or_404(request, pk)
    form = InvitationForm(request.POST if request.method == "POST" else None, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                person=person, email=form.cleaned_data["email"], invited_by=request.user
            )
        except services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. It expires on %(date)s.")
                % {"email": invitation.email, "date": invitation.expires_at.date().isoformat()},
            )
            return redirect("participants:person_invite", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "invitations": list(person.invitations.select_related("invited_by")),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    return render(request, "participants/person_invite.html", context)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "participants/invitation_refused.html", {"reason": "unknown"}, status=404)
    if invitation.accepted_at is not None:
        return render(request, "participants/invitation_refused.html", {"reason": "used"}, status=410)
    if invitation.is_expired:
        return render(request, "participants/invitation_refused.html", {"reason": "expired"}, status=410)
    if request.user.is_authenticated:
        # Accepting would replace the session of whoever is logged in on this browser.
        return render(request, "participants/invitation_refused.html", {"reason": "logged_in"}, status=409)
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["password1"])
        except services.InvitationError as error:
            return render(
                request, "participants/invitation_refused.html", {"reason": "other", "error": error}, status=410
            )
        login(request, user, backend=ALLAUTH_BACKEND)
        messages.success(request, _("Welcome. Your account is ready; you are logged in."))
        return redirect("home")
    return render(request, "participants/invitation_accept.html", {"invitation": invitation, "form": form})
