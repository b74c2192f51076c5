"""A rapporteur's notes on each session of the Dakar–Montréal demo, in English and in French.

The demo's notes used to repeat the published report's paragraphs word for word. These are the same facts
(who presented, for which organisation, what was discussed, where, and what came of it) written up the way
a rapporteur takes notes during an exchange: a short lead, then the points worth keeping. Keys are the
session titles exactly as exchanges/demo.py writes them.

Each note starts with the demo's HTML comment saying that the times are illustrative (the report gives
none): staff who edit the notes see it, readers of a page or a report never do.
"""

import re

# The same comment as ``exchanges.demo.ILLUSTRATIVE`` (a test holds them equal). Not imported, so that the
# demo loader can import this module without a circular import.
ILLUSTRATIVE = "<!-- Times are illustrative: the published report does not give them. -->"

_NBSP = "\u00a0"
# A line break inside a paragraph or a list item is only there to keep this file readable.
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n|- )[ ]*")


def french_typography(text: str) -> str:
    """French typography: a no-break space before « : » and « ; » and inside guillemets."""
    text = re.sub(r"(\d) (\d{3})\b", rf"\1{_NBSP}\2", text)
    for plain, fixed in ((" :", f"{_NBSP}:"), (" ;", f"{_NBSP};"), ("« ", f"«{_NBSP}"), (" »", f"{_NBSP}»")):
        text = text.replace(plain, fixed)
    return text


def unwrap(text: str) -> str:
    """Join the lines of each paragraph and list item; blank lines and list items stay as they are."""
    return _SOFT_BREAK.sub(" ", text.strip())


def _note(english: str, french: str) -> tuple[str, str]:
    return f"{ILLUSTRATIVE}\n\n{unwrap(english)}", f"{ILLUSTRATIVE}\n\n{french_typography(unwrap(french))}"


NOTES: dict[str, tuple[str, str]] = {
    "Roundtables with the Ville de Montréal": _note(
        """
**Opening roundtables.** Several senior representatives of the Ville de Montréal met the Dakar delegation.

- **Commander Sylvain Bissonnette (SPVM)** outlined what the police service does day to day for urban safety
  and resilience. He looked back on the SPVM's recent cooperation with police teams working locally in Dakar,
  and the support it gave them, and named challenges the two cities share.
- **Jocelyne Lebrun**, Community Development Adviser at the Department of Social Diversity and Sports,
  described how her department works towards a city that includes everyone, holds together and whose
  residents take part.
- Much of the discussion turned to **RÉSAL** (Réseau d’échange et de soutien aux actions locales), a
  multi-agency structure with no equivalent elsewhere: the Institut universitaire sur les jeunes en
  difficulté, the Ville de Montréal and the SPVM sit in it alongside many organisations active on the ground.
  Its first task is to stop violence before it happens, above all among young people, and to respond when it
  does; it consults every actor and stakeholder concerned to agree on what the problems are and what could
  solve them.
""",
        """
**Tables rondes d'ouverture.** Plusieurs hauts représentants de la Ville de Montréal ont reçu la délégation
de Dakar.

- **Le commandant Sylvain Bissonnette (SPVM)** a présenté le travail quotidien du service de police en
  matière de sécurité urbaine et de résilience. Il est revenu sur la coopération récente du SPVM avec les
  équipes de police qui travaillent sur le terrain à Dakar et sur l'appui qui leur a été apporté, puis a
  relevé les défis communs aux deux villes.
- **Jocelyne Lebrun**, conseillère en développement communautaire au Service de la diversité sociale et des
  sports, a expliqué comment son service œuvre pour une ville inclusive et solidaire, dont les habitants
  prennent part à la vie collective.
- Les discussions ont porté en grande partie sur le **RÉSAL** (Réseau d’échange et de soutien aux actions
  locales), une structure multipartenaire sans équivalent : l'Institut universitaire sur les jeunes en
  difficulté, la Ville de Montréal et le SPVM y siègent aux côtés de nombreux organismes actifs sur le
  terrain. Sa mission première est de prévenir la violence, surtout chez les jeunes, et d'y répondre
  lorsqu'elle survient ; il consulte l'ensemble des acteurs et des parties prenantes concernés pour
  s'entendre sur les problèmes et sur les solutions possibles.
""",
    ),
    "Site visit: RÉSAL in Saint-Pierre, Lachine": _note(
        """
**Site visit to Saint-Pierre, Lachine**, the district of Montréal where RÉSAL was first tried out. Social and
community workers from the neighbourhood walked the delegation through the project and through Lachine's
situation.

- Saint-Pierre has about 5,000 residents. A run of violent attacks and homicides linked to organised crime
  shook the area.
- In response, residents were consulted, so that they and the local services would come to know and trust
  one another, and so that residents would get involved.
- The Department of Social Diversity and Sports coordinated the effort together with community outreach
  teams. They asked the International Centre for the Prevention of Crime (ICPC) to carry out a local
  diagnosis of risks, looking for the root causes of violence in the district.
- That diagnosis is what allowed the partners to bring RÉSAL's outreach and prevention work together into one
  coordinated partnership.
""",
        """
**Visite de terrain à Saint-Pierre, Lachine**, le quartier de Montréal où le RÉSAL a d'abord été mis à
l'essai. Des intervenants sociaux et communautaires du quartier ont présenté à la délégation le projet et la
situation de Lachine.

- Saint-Pierre compte environ 5 000 habitants. Une série d'agressions violentes et d'homicides liés au crime
  organisé a ébranlé le quartier.
- Pour y répondre, une consultation citoyenne a été lancée afin que les habitants et les services locaux
  apprennent à se connaître et à se faire confiance, et que les habitants s'impliquent.
- Le Service de la diversité sociale et des sports a coordonné la démarche avec des équipes d'intervention de
  proximité. Il a fait appel au Centre international pour la prévention de la criminalité (CIPC) pour
  établir un diagnostic local des risques et remonter aux causes profondes de la violence dans le quartier.
- C'est ce diagnostic qui a permis aux partenaires de réunir le travail de proximité et de prévention du
  RÉSAL en un partenariat coordonné.
""",
    ),
    "SPVM headquarters: Hate Crimes and Counterterrorism briefings": _note(
        """
**Visit to SPVM headquarters**, with officers of two specialised units.

- **Counterterrorism unit**: how Montréal responds to an emergency, step by step. The officers stressed that
  the police need to know every potential partner and keep in touch with each, so that they stay connected
  with all parts of the community.
- **Hate Crimes unit**: a hate incident is not a criminal act, whereas a hate crime is an offence under
  criminal law. The officers spoke about making the public aware of the difference and explained the ways in
  which people can report either one to the police.
""",
        """
**Visite du quartier général du SPVM**, auprès de policiers de deux unités spécialisées.

- **Lutte antiterroriste** : les policiers ont présenté, étape par étape, la façon dont Montréal répond à une
  situation d'urgence. Ils ont insisté sur la nécessité, pour la police, de repérer tous les partenaires
  possibles et de nouer des liens avec chacun, afin de rester présente auprès de toutes les composantes de la
  collectivité.
- **Crimes haineux** : un incident haineux n'est pas un acte criminel, alors qu'un crime haineux est une
  infraction criminelle. Les policiers ont parlé de la sensibilisation du public à cette distinction et ont
  expliqué comment signaler l'un ou l'autre à la police.
""",
    ),
    "Research and expertise on P/CVE: presentations by Montréal institutions": _note(
        """
**Presentations by Montréal institutions**, back at the Ville de Montréal. Each institution set out research
and practice in P/CVE and neighbouring fields that could serve both cities.

- The **Montréal Institute for Genocide and Human Rights Studies (MIGS)**, Concordia University, presented its
  lines of work: from research into how terrorists use social media to its work with **Parliamentarians for
  Global Action (PGA)** on an action plan against violent extremism.
- The **International Centre for the Prevention of Crime (ICPC)** described its projects abroad, among them a
  pilot in three French cities, Nice, Grenoble and Lyon, where it works with probation services and with
  teams that carry out psychological assessments.
- To close, the **Collège de Maisonneuve** presented its “Travailleurs de corridor” (corridor workers), set
  up after a number of its students left for Syria and Iraq.
""",
        """
**Présentations d'institutions montréalaises**, de retour à la Ville de Montréal. Chaque institution a exposé
ses recherches et son expertise en prévention et en lutte contre l'extrémisme violent et dans des domaines
voisins, utiles aux deux villes.

- L'**Institut montréalais d'études sur le génocide et les droits de la personne (MIGS)** de l'Université
  Concordia a présenté ses axes de travail : de la recherche sur l'usage que les terroristes font des médias
  sociaux à sa collaboration avec l'**Action mondiale des parlementaires (PGA)** en vue d'un plan d'action
  contre l'extrémisme violent.
- Le **Centre international pour la prévention de la criminalité (CIPC)** a décrit ses projets à l'étranger,
  dont un projet pilote mené dans trois villes françaises, Nice, Grenoble et Lyon, avec les services de
  probation et des équipes chargées d'évaluations psychologiques.
- Pour clore la séance, le **Collège de Maisonneuve** a présenté ses « Travailleurs de corridor », mis sur
  pied après le départ d'un certain nombre de ses étudiants vers la Syrie et l'Irak.
""",
    ),
    "Frontline awareness training workshop at the CPRLV": _note(
        """
**Two-day workshop at the Centre for the Prevention of Radicalization Leading to Violence (CPRLV)**,
17 and 18 October. The Dakar officials worked with the CPRLV team on an awareness training for the
frontline volunteers of the Dakar Volunteer Programme.

- Starting point: the tools the CPRLV uses to train people and raise their awareness of radicalisation and
  violence.
- The group reworked those tools for Senegal, so that Dakar has its own way of assessing a situation,
  responding to it and intervening.
""",
        """
**Atelier de deux jours au Centre de prévention de la radicalisation menant à la violence (CPRLV)**, les 17
et 18 octobre. Les représentants de Dakar ont travaillé avec l'équipe du CPRLV à une formation de
sensibilisation destinée aux volontaires de première ligne du Programme des volontaires de Dakar.

- Point de départ : les outils du CPRLV pour former et sensibiliser à la radicalisation et à la violence.
- Le groupe les a adaptés au contexte sénégalais, pour que Dakar dispose de sa propre démarche d'évaluation,
  de réponse et d'intervention.
""",
    ),
}
