"""The report's "What participants said" section: drafted from the feedback survey's answers, with its chart.

Drafted when the report (or its PDF) is shown, from the answers as they are then, in the report's language:
the response rate, each objective's mean score and the before → after change, and up to ``QUOTES`` of what
people take home. A report is read beyond the exchange's staff, so a quote never names its author unless the
author chose to be named; the quoted text is Markdown-escaped and the whole goes through the sanitiser.
"""

from dataclasses import dataclass

from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from exchanges.models import Exchange, SurveyResponse
from exchanges.selectors.surveys import SurveyResults, survey_results
from reports.text import escape_markdown, render_markdown

QUOTES = 3


@dataclass(frozen=True)
class FeedbackSection:
    heading: str
    markdown: str
    html: SafeString
    results: SurveyResults | None = None
    # A release's section: the chart as rendered on the release day (``results`` is then None).
    chart_svg: SafeString = SafeString("")


def _score(value: float | None) -> str:
    return "–" if value is None else formats.number_format(value, 1)


def feedback_markdown(results: SurveyResults) -> str:
    """The section's text in the active language."""
    if not results.responded:
        return _("No delegate has answered the feedback survey yet.")
    paragraphs = [
        _(
            "%(responded)s of the %(delegates)s delegates answered the feedback survey (%(rate)s %%). On a scale of "
            "1 (not at all) to 5 (fully), they rated how far the exchange met each of its objectives, and where "
            "they stood on it before and after the exchange:"
        )
        % {"responded": results.responded, "delegates": results.delegates, "rate": results.rate_percent}
    ]
    lines = []
    for score in results.scores:
        lines.append(
            "- "
            + _("**%(number)s. %(lead)s**: met %(met)s; before %(before)s, after %(after)s")
            % {
                "number": score.number,
                "lead": escape_markdown(score.lead),
                "met": _score(score.met),
                "before": _score(score.before),
                "after": _score(score.after),
            }
        )
    paragraphs.append("\n".join(lines))
    quotes = [item for item in results.take_home][:QUOTES]
    if quotes:
        paragraphs.append(_("What they take home, in their words:"))
        for item in quotes:
            author = item.name or _("a delegate")
            text = " ".join(escape_markdown(item.text).split())
            paragraphs.append(f"> {text}\n>\n> — {escape_markdown(author)}")
    if results.illustrative:
        paragraphs.append(_("_These answers are illustrative: they were made up for the demo._"))
    return "\n\n".join(paragraphs)


def feedback_section(exchange: Exchange, language: str) -> FeedbackSection:
    """The drafted section in ``language``; names only of those who chose to be named."""
    with translation.override(language):
        results = survey_results(exchange, show_names=False, language=language)
        markdown = feedback_markdown(results)
        return FeedbackSection(
            heading=_("What participants said"), markdown=markdown, html=render_markdown(markdown), results=results
        )


def feedback_version(exchange: Exchange) -> str:
    """Changes whenever an answer does: part of a report PDF's fingerprint when it has the section (one query)."""
    row = SurveyResponse.objects.filter(exchange=exchange).aggregate(last=Max("updated_at"), count=Max("pk"))
    objectives = list(exchange.objectives.values_list("pk", "updated_at"))
    return repr((row["last"], row["count"], objectives))


def feedback_chart_svg(section: FeedbackSection) -> str:
    """The section's chart as SVG text (empty when nobody answered), to keep on a release."""
    if section.results is None or not section.results.responded:
        return ""
    return render_to_string(
        "exchanges/surveys/chart.svg.html", {"chart": section.results.chart, "chart_id": "feedback-chart"}
    ).strip()


def feedback_snapshot(exchange: Exchange, language: str) -> dict:
    """The release's copy of the section: heading, Markdown text and chart SVG."""
    section = feedback_section(exchange, language)
    with translation.override(language):
        chart = feedback_chart_svg(section)
    return {"feedback_heading": section.heading, "feedback_text": section.markdown, "feedback_chart": chart}


def release_feedback_section(release) -> FeedbackSection | None:
    """The section as the release froze it, or None when the release has none."""
    if not release.feedback_text:
        return None
    return FeedbackSection(
        heading=release.feedback_heading,
        markdown=release.feedback_text,
        html=render_markdown(release.feedback_text),
        chart_svg=mark_safe(release.feedback_chart),  # noqa: S308 - rendered by our own template on the release day
    )
