from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.shortcuts import render

from search.providers import PROVIDERS, Hit, Provider
from search.text import MAX_QUERY_LENGTH

PER_GROUP = 5
PER_PAGE = 20


@dataclass
class Group:
    provider: Provider
    count: int
    hits: list[Hit]
    page: Page | None = None


def search(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    providers = [provider for provider in PROVIDERS if provider.available(request.user)]
    kind = request.GET.get("kind", "")
    chosen = next((provider for provider in providers if provider.kind == kind), None)
    groups = []
    if text:
        if chosen is not None:
            page = Paginator(chosen.search(request.user, text), PER_PAGE).get_page(request.GET.get("page"))
            groups.append(Group(chosen, page.paginator.count, [chosen.hit(obj) for obj in page.object_list], page))
        else:
            for provider in providers:
                results = provider.search(request.user, text)
                count = results.count()
                hits = [provider.hit(obj) for obj in results[:PER_GROUP]] if count else []
                groups.append(Group(provider, count, hits))
    context = {
        "q": text,
        "kind": chosen.kind if chosen else "",
        "providers": providers,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "per_group": PER_GROUP,
    }
    return render(request, "search/search.html", context)
