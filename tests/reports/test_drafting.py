import pytest

from exchanges.demo import OBJECTIVES
from reports import services
from reports.drafting import draft_sections, report_title, sentence_start
from reports.models import Report
from reports.selectors import draft_data, exchange_data_changed_at
from reports.text import escape_markdown, link_names
from tests.factories import (
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    NextStepFactory,
    ObjectiveFactory,
    PersonFactory,
    SessionFactory,
    host_time,
)

pytestmark = pytest.mark.django_db


def _draft(exchange, language="en"):
    return draft_sections(draft_data(exchange), language)


def test_demo_draft_introduction_reads_like_the_reference(demo):
    sections = _draft(demo)

    introduction = sections["introduction"]
    assert introduction.startswith(
        "[ISD](<https://www.isdglobal.org/>) held the first Strong Cities Network (SCN) bilateral exchange on "
        "16–18 October 2017, helping the cities of Dakar and Montréal learn from each other"
    )
    assert "hosted in Montréal by Esteban Benavides, the city's International Relations adviser" in introduction
    assert "Officials from Dakar travelled to Montréal" in introduction
    assert "Maye Seck, urban security adviser to the Mayor, and Papa Alassane Seck" in introduction


def test_demo_draft_has_the_five_objectives_with_bold_leads(demo):
    aims = _draft(demo)["aims"]

    assert aims.startswith("Three direct exchanges between practitioners of SCN member cities")
    assert "of which the Dakar–Montréal city exchange is the first" in aims
    items = [line for line in aims.splitlines() if line.startswith("- **")]
    assert len(items) == 5
    for (lead, _detail), item in zip(OBJECTIVES, items, strict=True):
        assert item.startswith(f"- **{lead}**")
    assert "**Sharing vital practical tools and initiatives** to reduce local risk" in aims
    assert "**Developing a mutual understanding of the strategic planning processes in each city**, including" in aims


def test_demo_draft_summary_tells_every_session_in_order_and_closes_with_the_outcome(demo):
    summary = _draft(demo)["summary"]

    openings = [
        "**Opening roundtables.**",
        "**Site visit to Saint-Pierre, Lachine**",
        "**Visit to SPVM headquarters**",
        "**Presentations by Montréal institutions**",
        "**Two-day workshop at the",
        "The exchange was a first step",
    ]
    positions = [summary.index(opening) for opening in openings]
    assert positions == sorted(positions)
    assert "RÉSAL" in summary


def test_demo_draft_links_organisations_to_their_websites_once(demo):
    summary = _draft(demo)["summary"]

    assert "**Commander Sylvain Bissonnette ([SPVM](<https://spvm.qc.ca/>))**" in summary
    assert "[International Centre for the Prevention of Crime](<https://cipc-icpc.org/>) (ICPC)" in summary
    assert "[Parliamentarians for Global Action](<https://www.pgaction.org/>)" in summary
    assert summary.count("https://spvm.qc.ca/") == 1


def test_demo_draft_next_steps_list_every_commitment(demo):
    next_steps = _draft(demo)["next_steps"]

    assert next_steps.count("\n- ") == 5
    assert "- The CPRLV sends round a first concept note for this training." in next_steps.replace(
        "[CPRLV](<https://info-radical.org/>)", "CPRLV"
    )


def test_report_title_puts_visiting_cities_first(demo):
    assert report_title(demo, "en") == "Dakar-Montréal city exchange: summary report"


def test_draft_without_notes_names_presenters_with_titles_and_organisations():
    exchange = ExchangeFactory(description="")
    presenter = PersonFactory(name="Ana Díaz", honorific="Dr", job_title="Head of prevention")
    session = SessionFactory(exchange=exchange, title="Youth work", description="How outreach works.")
    session.presenters.set([presenter])
    SessionFactory(exchange=exchange, kind="meal", title="Lunch", start=host_time(exchange, exchange.end_date, 12))

    summary = _draft(exchange)["summary"]

    assert "Youth work." in summary and "How outreach works." in summary
    organisation = presenter.organisation
    assert f"Dr Ana Díaz, Head of prevention, [{organisation.name}](<{organisation.website}>)" in summary
    assert "Lunch" not in summary


def test_draft_escapes_markup_in_data():
    exchange = ExchangeFactory()
    ObjectiveFactory(exchange=exchange, lead="Share *all* [tools](javascript:alert(1))", detail="")

    aims = _draft(exchange)["aims"]

    assert r"**Share \*all\* \[tools\](javascript:alert(1))**" in aims


def test_draft_in_french_keeps_data_and_formats_dates_in_french(demo):
    introduction = _draft(demo, "fr")["introduction"]

    assert "16–18 octobre 2017" in introduction


def test_sentence_start_lowers_only_sentence_case_titles():
    assert sentence_start("Urban security adviser to the Mayor") == "urban security adviser to the Mayor"
    assert sentence_start("International Relations adviser") == "International Relations adviser"
    assert sentence_start("ISD held") == "ISD held"


def test_link_names_prefers_longest_name_and_skips_existing_links():
    text = "The Ville de Montréal and the Service de Police de la Ville de Montréal met [ICPC](https://x.org)."
    targets = [
        ("Ville de Montréal", "https://montreal.ca/"),
        ("Service de Police de la Ville de Montréal", "https://spvm.qc.ca/"),
        ("ICPC", "https://cipc-icpc.org/"),
    ]

    linked = link_names(text, targets)

    assert linked == (
        "The [Ville de Montréal](<https://montreal.ca/>) and the "
        "[Service de Police de la Ville de Montréal](<https://spvm.qc.ca/>) met [ICPC](https://x.org)."
    )


def test_escape_markdown_escapes_link_and_emphasis_syntax():
    assert escape_markdown("[a](b) *c* _d_") == r"\[a\](b) \*c\* \_d\_"


def test_data_changed_after_draft_is_detected(demo, staff_user):
    report = services.report_draft(report=services.report_get_or_create(exchange=demo), user=staff_user)
    assert exchange_data_changed_at(demo) <= report.drafted_at

    NextStepFactory(exchange=demo, text="A new commitment.")

    assert exchange_data_changed_at(demo) > report.drafted_at


def test_redraft_of_an_edited_section_asks_first(demo, staff_user):
    report = services.report_draft(report=services.report_get_or_create(exchange=demo), user=staff_user)
    report = services.report_save_section(
        report=report, section="summary", text="Our own words.", base_version=report.version, user=staff_user
    )

    with pytest.raises(services.EditedSections) as raised:
        services.report_draft(report=report, user=staff_user)

    assert raised.value.sections == ["summary"]
    assert Report.objects.get(pk=report.pk).summary == "Our own words."
    drafted = services.report_draft(report=report, user=staff_user, sections=["introduction"])
    assert drafted.summary == "Our own words."
    replaced = services.report_draft(report=report, user=staff_user, replace_edited=True)
    assert "**Opening roundtables.**" in replaced.summary


def test_draft_names_heads_of_visiting_delegations_first():
    exchange = ExchangeFactory()
    visiting = DelegationFactory(exchange=exchange)
    exchange.visiting_cities.set([visiting.city])
    member = MembershipFactory(delegation=visiting, person=PersonFactory(name="Bea Member", job_title="Officer"))
    head = MembershipFactory(delegation=visiting, person=PersonFactory(name="Al Head", job_title="Mayor"), role="head")

    introduction = _draft(exchange)["introduction"]

    assert introduction.index(head.person.name) < introduction.index(member.person.name)
    assert "Al Head, mayor, and Bea Member, officer" in introduction
