"""A French reader walks the demo and never meets English that is not marked as English (issue 13).

Every text node whose nearest ``lang`` attribute is not English is split into phrases; a phrase that holds a
common English function word as a whole word is English the page passes off as French. Names (of
organisations, of people) and e-mail addresses are not translated and are taken out before the check.
"""

import re

import pytest

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXCHANGE = "/exchanges/dakar-montreal-2017/"
PAGES = {
    "delegate@example.org": [
        "/",
        EXCHANGE,
        f"{EXCHANGE}agenda/",
        "/my/agenda/",
        "/cities/montreal/",
        "/cities/dakar/",
    ],
    "staff@example.org": [f"{EXCHANGE}report/fr/"],
}

# Common English function words, and a few English words with no French homograph that the demo's data once
# carried ("Saint-Pierre district", "SPVM headquarters", a person's languages "French, Wolof").
ENGLISH_WORDS = " ".join(
    [
        "the and of with to for this that was were is are from by on",
        "district headquarters French English",
    ]
).split()
ENGLISH = re.compile(r"\b(?:" + "|".join(ENGLISH_WORDS) + r")\b", re.IGNORECASE)
# Proper names that keep their English form in French, and addresses.
NAMES = re.compile(
    r"Institute for Strategic Dialogue|Strong Cities Network|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)

# The text of every text node outside <script>/<style> whose closest element with a lang attribute is not
# English (the page's own <html lang="fr"> when nothing nearer says otherwise).
UNMARKED_TEXTS = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, noscript, template')) continue;
        const text = node.textContent.trim();
        if (!text) continue;
        const marked = parent.closest('[lang]');
        const lang = marked ? marked.lang.toLowerCase() : '';
        if (lang === 'en' || lang.startsWith('en-')) continue;
        texts.push(text);
    }
    return texts;
}"""


def english_phrases(texts: list[str]) -> list[str]:
    """The phrases (split at sentence and list punctuation) that read as English."""
    found = []
    for text in texts:
        for phrase in re.split(r"[.!?;:·•|\n]+|\s[–—-]\s", text):
            phrase = " ".join(phrase.split())
            if phrase and ENGLISH.search(NAMES.sub(" ", phrase)):
                found.append(phrase)
    return found


def test_english_phrase_detection_spares_french_and_names():
    texts = [
        "Le programme de la semaine. The programme of the week",
        "Rencontre avec l'Institute for Strategic Dialogue — écrire à staff@example.org",
        "Quartier Saint-Pierre : visite sur le terrain",
        "Saint-Pierre district, Lachine",
    ]

    assert english_phrases(texts) == ["The programme of the week", "Saint-Pierre district, Lachine"]


def _unmarked_english(page) -> list[str]:
    texts = page.evaluate(UNMARKED_TEXTS)
    assert len(texts) > 20, f"{page.url}: the page has almost no text"
    return sorted(set(english_phrases(texts)))


def test_a_french_reader_meets_no_unmarked_english_on_the_demo(page, demo):
    found = {}
    for who, paths in PAGES.items():
        page.context.clear_cookies()
        sign_in(page, who, language="fr")
        for path in paths:
            response = page.goto(path)
            assert response.ok, f"{path}: {response.status}"
            assert page.locator("html").get_attribute("lang") == "fr"
            found[path] = _unmarked_english(page)

    # The French report as the coordinator drafts it from the exchange's French content (the demo ships none).
    page.get_by_role("button", name="Rédiger le rapport").click()
    page.locator(".report-section").first.wait_for()
    found["the French report, drafted"] = _unmarked_english(page)

    found = {path: phrases for path, phrases in found.items() if phrases}
    assert found == {}, "English in French pages:\n" + "\n".join(
        f"{path}: {phrase}" for path, phrases in found.items() for phrase in phrases
    )
