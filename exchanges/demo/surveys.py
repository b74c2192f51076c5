"""Illustrative feedback survey answers for the demo (issue 19): made up, and marked so wherever they are shown.

Three of the four delegates answered (Esteban Benavides was sent the survey and did not answer); Maye Seck
chose to be named. Per objective 1–5: (met, before, after, what they take home or "").
"""

from datetime import UTC, datetime

INVITED_AT = datetime(2017, 10, 19, 13, 0, tzinfo=UTC)
ANSWERED_AT = datetime(2017, 10, 24, 15, 0, tzinfo=UTC)

# e-mail: (named, [(met, before, after, take_home) for objectives 1 to 5])
SURVEY_ANSWERS = {
    "maye.seck@example.org": (
        True,
        [
            (5, 2, 4, "Les outils d’évaluation du CPRLV, à adapter pour nos bénévoles à Dakar."),
            (4, 2, 4, ""),
            (4, 1, 3, "Parler de prévention sans stigmatiser : la façon dont Montréal nomme ses actions."),
            (5, 2, 4, ""),
            (5, 2, 5, "Un interlocuteur à Montréal pour chacune de nos questions sur la formation."),
        ],
    ),
    "papa.alassane.seck@example.org": (
        False,
        [
            (4, 2, 4, "La grille d’évaluation des signalements, à essayer avec les délégués de quartier."),
            (4, 3, 4, ""),
            (3, 2, 3, ""),
            (5, 3, 4, "Le travail de proximité des policiers du SPVM avec les jeunes."),
            (4, 1, 4, ""),
        ],
    ),
    "jocelyne.lebrun@example.org": (
        False,
        [
            (4, 3, 4, ""),
            (3, 3, 4, "Comment Dakar associe les chefs de quartier à la prévention."),
            (4, 3, 4, ""),
            (4, 3, 4, ""),
            (5, 2, 4, ""),
        ],
    ),
    # Sent the survey, did not answer: counts in the response rate (3 of 4).
    "esteban.benavides@example.org": (False, []),
}
