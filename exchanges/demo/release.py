"""Release 1 of the Dakar–Montréal summary report, in English and in French, as its coordinators publish it.

This is the report after a coordinator has drafted it from the demo's data and completed it: it carries every
fact of the published reference report (the programme and its organiser, the dates and both cities, the hosts
and visitors with their titles, the five objectives, each session and site visit in order with the
organisations involved, each linked to its website, and the next steps) in the portal's own words. Only the
five objectives carry over word for word, as facts of the programme; no sentence of the reference does.

Keys of each language are the report's four sections (``reports.models.SECTION_NAMES``). Organisations are
linked at their first mention, to the websites that exchanges/demo.py records; those it has no website for
are named without a link.
"""

from exchanges.demo.notes import french_typography, unwrap

_ENGLISH = {
    "introduction": """
From 16 to 18 October 2017, the [Institute for Strategic Dialogue](https://www.isdglobal.org/) (ISD) brought Dakar,
Senegal, and Montréal, Canada, together for the first bilateral exchange of the [Strong Cities
Network](https://strongcitiesnetwork.org/) (SCN). For three days, officials of the two cities worked side by side to
learn from each other and to strengthen their cooperation against violent extremism.

Montréal was the host city. Esteban Benavides, International Relations adviser at the [Ville de
Montréal](https://montreal.ca/), welcomed the visitors on the city's behalf. Dakar sent two senior officials: Maye
Seck, urban security adviser to the Mayor, and Papa Alassane Seck, supervisor of the Volunteer Programme, an
innovative scheme of the Ville de Dakar. No exchange of this kind had taken place in the network before. Its purpose
is that one city passes on to another, directly, the practical tools and initiatives that lower local risk, prevent
violence and help communities hold together.
""",
    "aims": """
For 2017 and 2018, the SCN planned three exchanges in which practitioners from one member city visit their
counterparts in another; Dakar–Montréal opened the series. The programme gave these exchanges five objectives:

- **Sharing vital practical tools and initiatives** to reduce local risk, prevent violence and build cohesive
  communities;
- **Developing a mutual understanding of the strategic planning processes in each city**, including how local action
  plans are developed, how risks are assessed and profiled, how partners and resources are allocated, what
  mitigation/prevention approaches are chosen, and how strategies are monitored and evaluated;
- **Improving mutual understanding of how P/CVE activities are being communicated** by municipal actors at the same
  time as understanding the broader public perceptions of this work;
- **Seeing first-hand how the city is implementing key initiatives on the frontline** through local site visits.
  Visits may include local welcome or information centres for refugees and new citizens, specialist centres of
  excellence on P/CVE and connected issues, youth centres and engagement programmes, community policing teams, or
  deradicalisation and disengagement specialist teams;
- **Building a long-term partnership between two SCN member cities** to provide bilateral support to design, share
  and implement effective P/CVE policies and practices beyond the exchange.
""",
    "summary": """
**Roundtables with the Ville de Montréal.** The visit opened with roundtables at which senior representatives of the
city met the delegation. Commander Sylvain Bissonnette, of the [Service de Police de la Ville de
Montréal](https://spvm.qc.ca/) (SPVM), opened with an overview of what the police do for the city's safety and
resilience. He recalled the SPVM's recent cooperation with police teams working locally in Dakar and the support it
had given them, and pointed to challenges the two cities have in common. Jocelyne Lebrun, Community Development
Adviser at the Department of Social Diversity and Sports, presented her department, whose work aims at a city that
includes everyone, holds together and whose residents take part. The discussion dwelt on RÉSAL (Réseau d’échange et
de soutien aux actions locales), a multi-agency structure unlike any other: the Institut universitaire sur les
jeunes en difficulté, the Ville de Montréal, the SPVM and many organisations in the field work together in it. Its
first aim is to stop violence, above all among young people, before it happens and to respond when it does; it
consults everyone concerned to agree on what the problems are and how they might be solved.

**Site visit: RÉSAL in Saint-Pierre, Lachine.** The delegation then went to the Saint-Pierre district of Lachine, in
Montréal, where RÉSAL began as a pilot. Social workers and community workers of the district explained the project
and the neighbourhood's situation. Saint-Pierre, home to about 5,000 people, had been shaken by a series of violent
attacks and homicides linked to organised crime. A consultation of residents followed, meant to get them involved
and to rebuild trust between them and the local services. The Department of Social Diversity and Sports coordinated
this work with community outreach teams and called in the [International Centre for the Prevention of
Crime](https://cipc-icpc.org/) (ICPC), which carried out a local diagnosis of risks to find out what lay behind the
violence. On that basis, the partners organised RÉSAL's outreach and prevention work as one coordinated partnership.

**SPVM headquarters: Hate Crimes and Counterterrorism briefings.** At the headquarters of the SPVM, officers of the
SPVM Hate Crimes unit and of the SPVM Counterterrorism unit briefed the delegation. The counterterrorism officers
described how Montréal responds to emergencies, and why the police must seek out every possible partner and build
ties with each, so as to stay in touch with the whole community. The hate crimes officers set out the difference
between a hate incident, which is not a crime, and a hate crime, which is a criminal offence. They spoke of the need
to make people aware of it, and of the ways in which either can be reported to the police.

**Research and expertise on P/CVE: presentations by Montréal institutions.** Back at the Ville de Montréal, the
delegation heard several institutions present their research and practice in P/CVE and neighbouring fields, all of
it of use to both cities. The [Montréal Institute for Genocide and Human Rights
Studies](https://www.concordia.ca/research/migs.html) (MIGS) at Concordia University described work that ranges from
research on how terrorists use social media to its cooperation with [Parliamentarians for Global
Action](https://www.pgaction.org/) (PGA) on an action plan against violent extremism. The ICPC spoke about its
international projects, among them a pilot in three French cities, Nice, Grenoble and Lyon, in which it works
alongside probation services and teams that carry out psychological assessments. Last, the [Collège de
Maisonneuve](https://www.cmaisonneuve.qc.ca/) presented its “Travailleurs de corridor” (corridor workers), set up
after a number of its students had left for Syria and Iraq.

**Frontline awareness training workshop at the CPRLV.** On 17 and 18 October, the officials of the Ville de Dakar
spent two days at the [Centre for the Prevention of Radicalization Leading to Violence](https://info-radical.org/)
(CPRLV) in an in-depth workshop, designing with its team a frontline awareness training for the Dakar Volunteer
Programme. The CPRLV's own tools for training and for raising awareness of radicalisation and violence were reworked
for the Senegalese context, giving Dakar an approach to assessment, response and intervention suited to the city.

The exchange is the first step of a lasting, bilateral cooperation between Montréal and Dakar within the SCN. What
was learnt in it will inform the network's wider work: it shows what cities can gain by working directly with one
another, and how good practice can travel between places whose circumstances differ but whose goals are the same.
""",
    "next_steps": """
The participants agreed on the following:

- **Training for Dakar's volunteers.** All parties will keep working on the training of the Volunteer Programme's
  volunteers in Dakar. The CPRLV's assessment tools are its starting point; partners in Dakar will go on adapting
  them to the local context.
- **Support from the network.** The SCN will go on supporting cooperation between Montréal and Dakar, alongside the
  work it does with each city separately. It will share what this exchange taught through its online City Profiles
  of good practice and in its future training and events.
- **Regular updates from Dakar.** The Dakar participants will report regularly on how the training package for the
  Volunteer Programme is being designed. Subject to funding, they will call on the SCN, their Montréal counterparts
  and the CPRLV's expertise to define and run a lasting training programme.
- **Concept note.** The CPRLV has agreed to circulate a first concept note for this training.
""",
}

_FRENCH = {
    "introduction": """
Du 16 au 18 octobre 2017, l'[Institute for Strategic Dialogue](https://www.isdglobal.org/) (ISD) a réuni Dakar
(Sénégal) et Montréal (Canada) pour le premier échange bilatéral du [Strong Cities
Network](https://strongcitiesnetwork.org/) (SCN). Pendant trois jours, des responsables des deux villes ont
travaillé côte à côte pour apprendre l'une de l'autre et renforcer leur coopération face à l'extrémisme violent.

Montréal accueillait l'échange. Esteban Benavides, conseiller en relations internationales de la [Ville de
Montréal](https://montreal.ca/) (Bureau des relations internationales), a reçu la délégation au nom de la ville.
Dakar avait dépêché deux hauts responsables : Maye Seck, conseiller du maire pour la sécurité urbaine, et Papa
Alassane Seck, superviseur du Programme des volontaires, une initiative novatrice de la Ville de Dakar. Aucun
échange de ce genre n'avait encore eu lieu au sein du réseau. Il doit permettre à une ville de transmettre
directement à une autre les outils et les initiatives pratiques qui réduisent les risques locaux, préviennent la
violence et renforcent la cohésion des communautés.
""",
    "aims": """
Pour 2017 et 2018, le SCN prévoyait trois échanges au cours desquels des praticiens d'une ville membre rendent
visite à leurs homologues d'une autre ; l'échange Dakar–Montréal a ouvert la série. Le programme a fixé cinq
objectifs à ces échanges :

- **Partager des outils et des initiatives pratiques essentiels** pour réduire les risques locaux, prévenir la
  violence et bâtir des communautés solidaires ;
- **Développer une compréhension mutuelle des processus de planification stratégique de chaque ville**, notamment la
  façon dont les plans d'action locaux sont élaborés, dont les risques sont évalués et cartographiés, dont les
  partenaires et les ressources sont répartis, les approches d'atténuation et de prévention retenues, et la façon
  dont les stratégies font l'objet d'un suivi et d'une évaluation ;
- **Mieux comprendre, de part et d'autre, comment sont communiquées les activités de prévention et de lutte contre
  l'extrémisme violent** par les acteurs municipaux, tout en cernant la perception plus générale qu'a le public de
  ce travail ;
- **Voir de près comment la ville met en œuvre ses initiatives clés sur le terrain** grâce à des visites de sites
  locaux. Ces visites peuvent comprendre des centres locaux d'accueil ou d'information pour les réfugiés et les
  nouveaux citoyens, des centres d'excellence spécialisés en prévention et en lutte contre l'extrémisme violent et
  dans les questions connexes, des maisons de jeunes et des programmes de mobilisation des jeunes, des équipes de
  police de proximité, ou encore des équipes spécialisées en déradicalisation et en désengagement ;
- **Bâtir un partenariat durable entre deux villes membres du SCN** afin d'apporter un soutien bilatéral à la
  conception, au partage et à la mise en œuvre de politiques et de pratiques efficaces de prévention et de lutte
  contre l'extrémisme violent au-delà de l'échange.
""",
    "summary": """
**Tables rondes avec la Ville de Montréal.** L'échange s'est ouvert sur des tables rondes où de hauts représentants
de la ville ont rencontré la délégation. Le commandant Sylvain Bissonnette, du [Service de police de la Ville de
Montréal](https://spvm.qc.ca/) (SPVM), a présenté le travail de la police en matière de sécurité urbaine et de
résilience. Il a rappelé la coopération récente du SPVM avec les équipes de police locales de Dakar et l'appui qu'il
leur a apporté, et a souligné les défis que partagent les deux villes. Jocelyne Lebrun, conseillère en développement
communautaire au Service de la diversité sociale et des sports, a présenté son service, qui œuvre pour une ville
inclusive et solidaire, où chacun prend part à la vie collective. La discussion s'est attardée sur le RÉSAL (Réseau
d’échange et de soutien aux actions locales), une structure multipartenaire sans équivalent : l'Institut
universitaire sur les jeunes en difficulté, la Ville de Montréal, le SPVM et de nombreux organismes de terrain y
travaillent ensemble. Sa mission première est de prévenir la violence, surtout chez les jeunes, et d'y répondre
lorsqu'elle survient ; il consulte tous les acteurs concernés pour s'entendre sur les problèmes et sur les moyens de
les résoudre.

**Visite de terrain : le RÉSAL à Saint-Pierre, Lachine.** La délégation s'est ensuite rendue dans le quartier
Saint-Pierre, à Lachine, où le RÉSAL a vu le jour à titre de projet pilote. Des intervenants sociaux et
communautaires du quartier ont présenté le projet et la situation locale. Saint-Pierre, qui compte environ 5 000
habitants, avait été secoué par une série d'agressions violentes et d'homicides liés au crime organisé. Une
consultation citoyenne a suivi, pour amener les habitants à s'impliquer et rétablir la confiance entre eux et les
services locaux. Le Service de la diversité sociale et des sports a coordonné cette démarche avec des équipes
d'intervention de proximité et a fait appel au [Centre international pour la prévention de la
criminalité](https://cipc-icpc.org/) (CIPC), qui a établi un diagnostic local des risques pour cerner les causes
profondes de la violence. C'est sur cette base que les partenaires ont organisé le travail de proximité et de
prévention du RÉSAL en un partenariat coordonné.

**Quartier général du SPVM : séances d'information sur les crimes haineux et la lutte antiterroriste.** Au quartier
général du SPVM, des policiers du Module incidents et crimes haineux du SPVM et de la Section antiterrorisme du SPVM
ont présenté leur travail à la délégation. Du côté de la lutte antiterroriste, ils ont expliqué comment Montréal
répond aux situations d'urgence, et pourquoi la police doit repérer tous ses partenaires possibles et nouer des
liens avec chacun, afin de rester présente dans l'ensemble de la collectivité. Du côté des crimes haineux, ils ont
distingué l'incident haineux, qui n'est pas un crime, du crime haineux, qui est une infraction criminelle. Ils ont
parlé de la nécessité de faire connaître cette distinction et des moyens de signaler l'un comme l'autre à la police.

**Recherche et expertise en prévention de l'extrémisme violent : présentations d'institutions montréalaises.** De
retour à la Ville de Montréal, plusieurs institutions ont présenté leurs recherches et leur expertise en prévention
et en lutte contre l'extrémisme violent, et dans des domaines voisins utiles aux deux villes. L'[Institut
montréalais d'études sur le génocide et les droits de la personne](https://www.concordia.ca/research/migs.html)
(MIGS) de l'Université Concordia a décrit des travaux qui vont de la recherche sur l'usage que les terroristes font
des médias sociaux à sa collaboration avec l'[Action mondiale des parlementaires](https://www.pgaction.org/) (PGA)
en vue d'un plan d'action contre l'extrémisme violent. Le CIPC a présenté ses projets internationaux, dont un projet
pilote mené avec des services de probation et des équipes d'évaluation psychologique dans trois villes françaises :
Nice, Grenoble et Lyon. Enfin, le [Collège de Maisonneuve](https://www.cmaisonneuve.qc.ca/) a présenté ses «
Travailleurs de corridor », mis sur pied après le départ d'un certain nombre de ses étudiants vers la Syrie et
l'Irak.

**Atelier au CPRLV : formation de sensibilisation pour les intervenants de première ligne.** Les 17 et 18 octobre,
les représentants de la Ville de Dakar ont participé à un atelier approfondi au [Centre de prévention de la
radicalisation menant à la violence](https://info-radical.org/) (CPRLV), pour concevoir avec son équipe une
formation de sensibilisation de première ligne destinée au Programme des volontaires de Dakar. Les outils de
formation et de sensibilisation du CPRLV sur la radicalisation et la violence ont été adaptés au contexte
sénégalais, ce qui donne à Dakar une démarche d'évaluation, de réponse et d'intervention taillée pour la ville.

Cet échange est la première étape d'une coopération durable et bilatérale entre Montréal et Dakar au sein du SCN.
Ses enseignements nourriront l'ensemble des travaux du réseau : il montre ce que les villes gagnent à travailler
directement ensemble, et comment de bonnes pratiques peuvent circuler entre des contextes locaux différents qui
poursuivent les mêmes objectifs.
""",
    "next_steps": """
Les participants se sont entendus sur la suite à donner :

- **Formation des volontaires de Dakar.** Toutes les parties poursuivront l'élaboration de la formation destinée aux
  volontaires du Programme des volontaires de Dakar. Les outils d'évaluation du CPRLV en constituent la base ; les
  partenaires de Dakar continueront de les adapter au contexte local.
- **Appui du réseau.** Le SCN continuera d'appuyer la coopération entre Montréal et Dakar, en plus du travail qu'il
  mène avec chacune des deux villes. Il fera connaître les enseignements de cet échange dans ses profils de villes
  en ligne, consacrés aux bonnes pratiques, ainsi que lors de ses prochaines formations et activités.
- **Points réguliers de Dakar.** Les participants dakarois feront régulièrement le point sur la conception du
  programme de formation destiné au Programme des volontaires. Sous réserve de financement, ils feront appel au SCN,
  à leurs homologues montréalais et à l'expertise du CPRLV pour définir et offrir une formation suivie.
- **Note conceptuelle.** Le CPRLV a accepté de diffuser une première note conceptuelle pour cette formation.
""",
}

RELEASE_1: dict[str, dict[str, str]] = {
    "en": {name: unwrap(text) for name, text in _ENGLISH.items()},
    "fr": {name: french_typography(unwrap(text)) for name, text in _FRENCH.items()},
}
