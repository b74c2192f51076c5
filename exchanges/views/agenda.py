"""Agendas for delegates: an exchange's agenda, my agenda, home time zone and notice preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exchanges import agenda, services, versions
from exchanges.access import get_exchange_for_user_or_404, person_for
from exchanges.confidentiality import audience_for, audience_key, shown_sessions
from exchanges.feeds import absolute_url, webcal_url
from exchanges.forms.agenda import AgendaPreferencesForm, DelegationFilterForm
from exchanges.models import Delegation, Exchange
from exchanges.selectors import my_agenda as my_agenda_selectors
from exchanges.selectors.my_agenda import PAST


def _feed_links(path: str, request) -> dict:
    return {"download": path, "subscribe": webcal_url(path, request), "address": absolute_url(path, request)}


def _agenda_days(request, exchange: Exchange, audience, delegation, home) -> str:
    """The agenda's days, rendered, from the cache when nothing it shows has changed.

    Cached under the exchange's content version, the language, the viewer's audience (what they may see), their
    home time zone and the delegation filter (``exchanges.versions.cache_key``), with the sessions' times: the
    "Now" and "Next" marks are worked out again on every request and a rendering with other marks is replaced.
    """
    zone = f"{home.name}|{home.label}" if home else ""
    key = versions.cache_key(
        "agenda", exchange, audience_key(request.user, audience), zone, delegation and delegation.pk
    )
    entry = cache.get(key)
    if entry is not None:
        bounds, marks, html = entry
        if agenda.current_and_next(exchange, bounds) == marks:
            return mark_safe(html)  # noqa: S308 - rendered by our template, then cached
    items = shown_sessions(audience, agenda.agenda_listing(exchange, delegation=delegation))
    bounds = [(item.start, item.end) for item in items]
    marks = agenda.current_and_next(exchange, bounds)
    agenda.attach_times(items, home)
    for index, item in enumerate(items):
        item.is_current = index in marks[0]
        item.is_next = index == marks[1]
    prefix = reverse("exchanges:detail", kwargs={"slug": exchange.slug})
    agenda.prepare_listing(
        items,
        session_url=prefix + "sessions/{pk}/",
        ics_url=prefix + "sessions/{pk}.ics",
        labels=agenda.ListingLabels(),
    )
    host = agenda.host_zone(exchange)
    html = render_to_string(
        "exchanges/agenda/_days.html",
        {
            "days": agenda.group_by_day(exchange, items, every_day=True),
            "host_label": host.time_label,
            "home_label": home.time_label if home else "",
        },
    )
    cache.set(key, (bounds, marks, html), versions.CACHE_SECONDS)
    return html


def exchange_agenda(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    delegations = versions.cached(
        versions.cache_key("delegations", exchange),
        lambda: list(Delegation.objects.filter(exchange=exchange).select_related("city")),
    )
    form = DelegationFilterForm(request.GET or None, delegations=delegations)
    delegation = form.cleaned_data["delegation"] if form.is_valid() else None
    audience = audience_for(request.user, exchange)
    home = agenda.viewer_home_zone(request)
    feed_path = reverse("exchanges:agenda_ics", kwargs={"slug": slug})
    context = {
        "exchange": exchange,
        "delegations": delegations,
        "delegation": delegation,
        "filter_form": form,
        "days_html": _agenda_days(request, exchange, audience, delegation, home),
        "host": agenda.host_zone(exchange),
        "home": home,
        "feed": _feed_links(feed_path, request),
        # A calendar app subscribes without our session cookie: only a public exchange's feed opens for it.
        "feed_subscribable": exchange.is_public and exchange.status != Exchange.Status.DRAFT,
    }
    return render(request, "exchanges/agenda/exchange_agenda.html", context)


@login_required
def my_agenda(request):
    """The viewer's own sessions, one window at a time: upcoming first, past ones on request (``?when=past``).

    The window's sessions are rendered once per quarter hour and kept in the cache under the content versions of
    the person's exchanges (``my_agenda.window_cache_key``): a warm request reads the person's exchanges only.
    """
    person = person_for(request.user)
    home = agenda.viewer_home_zone(request)
    if person is None:
        return render(request, "exchanges/agenda/my_agenda.html", {"person": None, "home": home})
    everything = my_agenda_selectors.person_exchange_list(person)
    when = my_agenda_selectors.direction(request.GET.get("when"), everything)
    key = my_agenda_selectors.window_cache_key(
        person,
        everything,
        when=when,
        query=request.GET.urlencode(),
        zone=f"{home.name}|{home.label}" if home else "",
    )
    sessions_html = cache.get(key)
    if sessions_html is None:
        window = my_agenda_selectors.my_agenda_window(
            person, when=when, page_number=request.GET.get("page"), home=home, everything=everything
        )
        sessions_html = render_to_string(
            "exchanges/agenda/_my_sessions.html",
            {
                "when": when,
                "page_obj": window.page,
                "agendas": window.agendas,
                "exchanges": window.exchanges,
                "any_exchange": bool(everything),
            },
            request=request,
        )
        cache.set(key, sessions_html, my_agenda_selectors.WINDOW_SECONDS)
    feed_path = reverse("exchanges:personal_feed", kwargs={"token": person.feed_token})
    context = {
        "person": person,
        "home": home,
        "when": when,
        "exchanges": [exchange for exchange in everything if bool(exchange.is_past) == (when == PAST)],
        "sessions_html": mark_safe(sessions_html),  # noqa: S308 - rendered by our template, then cached
        "feed": _feed_links(feed_path, request),
    }
    return render(request, "exchanges/agenda/my_agenda.html", context)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path of this site: anything else (a word, a foreign host) falls back.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def my_settings(request):
    """Home time zone for everyone (anonymous viewers keep it in their session); notices for people."""
    user = request.user
    person = person_for(user)
    city = person.city if person is not None else None
    default_label = (
        _("The time zone of my city (%(city)s, %(zone)s)") % {"city": city.name, "zone": city.time_zone}
        if city is not None
        else _("None: show only the host city's time")
    )
    current_zone = user.time_zone if user.is_authenticated else request.session.get(agenda.SESSION_TIME_ZONE_KEY, "")
    initial = {"time_zone": current_zone}
    if person is not None:
        initial.update(notify_changes=person.notify_changes, language=person.language)
    form = AgendaPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        default_label=default_label,
        with_person=person is not None,
    )
    next_url = _safe_next(request, reverse("exchanges:my_agenda") if user.is_authenticated else reverse("home"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if user.is_authenticated:
            services.agenda_preferences_update(
                user=user,
                person=person,
                time_zone=data["time_zone"],
                notify_changes=data.get("notify_changes", True),
                language=data.get("language", ""),
            )
        else:
            request.session[agenda.SESSION_TIME_ZONE_KEY] = data["time_zone"]
        messages.success(request, _("Your agenda preferences are saved."))
        return HttpResponseRedirect(next_url)  # a URL, never a view name to reverse
    return render(request, "exchanges/agenda/settings.html", {"form": form, "person": person, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def feed_regenerate(request):
    person = person_for(request.user)
    if person is None:
        raise Http404
    if request.method == "POST":
        services.person_feed_token_regenerate(person=person)
        messages.success(
            request,
            _("Your calendar feed has a new address. Subscribe to it again; the old address no longer works."),
        )
        return redirect("exchanges:my_agenda")
    return render(request, "exchanges/agenda/feed_regenerate.html", {"person": person})
