"""Phones: at 360 px no page is wider than the screen, in English or in French, and the header folds into a
menu that a keyboard opens, walks and closes."""

import pytest

from tests.e2e.conftest import assert_accessible, language_cookie, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
EXCHANGE = "/exchanges/dakar-montreal-2017/"
PAGES = {
    "anonymous": [
        "/",
        "/cities/montreal/",
        "/search/?q=police",
        "/reports/",
        "/accounts/login/",
        "/partnerships/dakar-montreal/",
        "/initiatives/cprlv-frontline-awareness-training/",
    ],
    "delegate@example.org": [
        "/",
        EXCHANGE,
        f"{EXCHANGE}agenda/",
        "/my/agenda/",
        "/cities/dakar/",
        "/search/?q=RÉSAL",
        f"{EXCHANGE}notes/",
    ],
    "staff@example.org": [
        "/",
        EXCHANGE,
        f"{EXCHANGE}agenda/",
        f"{EXCHANGE}report/",
        "/dashboard/",
        f"{EXCHANGE}builder/",
        "/cities/montreal/",
    ],
}


def _widths(page) -> dict[str, int]:
    """The page's width with its menu folded and, on pages that have it, unfolded."""
    widths = {"folded": page.evaluate("document.documentElement.scrollWidth")}
    toggle = page.locator(".site-menu__toggle")
    toggle.click()
    widths["open"] = page.evaluate("document.documentElement.scrollWidth")
    return widths


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("who", list(PAGES))
def test_no_page_is_wider_than_a_phone(page, demo, who, language):
    page.set_viewport_size(PHONE)
    if who == "anonymous":
        page.goto("/")
        page.context.add_cookies([language_cookie(page, language)])
    else:
        sign_in(page, who, language=language)

    too_wide = {}
    for path in PAGES[who]:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == language
        widths = _widths(page)
        if max(widths.values()) > PHONE["width"]:
            too_wide[path] = widths

    assert too_wide == {}


def test_phone_menu_opens_with_the_keyboard_and_reaches_every_link(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page, "staff@example.org", language="fr")
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Principal")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()

    for _ in range(5):  # the skip link, the brand, then the menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-menu__toggle')"):
            break
    page.keyboard.press("Enter")
    opened = toggle.get_attribute("aria-expanded")
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("(el => el.tagName === 'SELECT' ? el.id : el.textContent.trim())(document.activeElement)")
        )
        if reached[-1] == "Se déconnecter":
            break

    assert opened == "true" and nav.is_visible()
    assert reached[:10] == [
        "Accueil",
        "Mon programme",
        "Villes",
        "Initiatives",
        "Partenariats",
        "Programmes",
        "Personnes",
        "Tableau de bord",
        "Coordinateurs",
        "Administration",
    ]
    assert "Recherche" in reached and "language-select" in reached and reached[-1] == "Se déconnecter"
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "phone-menu-open-fr")

    page.keyboard.press("Escape")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('site-menu__toggle')")


def test_wide_screen_shows_the_navigation_without_a_menu_button(page, demo):
    sign_in(page, "delegate@example.org", language="fr")

    page.goto("/")

    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Mon programme").is_visible()
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
