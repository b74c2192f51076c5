"""French for every text a reader sees in the Dakar–Montréal demo (exchanges/demo.py).

Keys are the English texts exactly as the demo writes them; values are their French, written as a translator
would, not by machine. Names of people and places stay as they are. Where an organisation has a French name
of its own, that name is used (Service de police de la Ville de Montréal, Centre international pour la
prévention de la criminalité (CIPC), Action mondiale des parlementaires); names that have no French form
(Institute for Strategic Dialogue, Strong Cities Network) and names already French map to themselves, so that
a missing entry always means an untranslated text. French typography: a no-break space before « ; : » and
inside guillemets. Session notes are not here: see exchanges/demo/notes.py.
"""

FRENCH: dict[str, str] = {
    "Preventing and countering violent extremism (P/CVE)": "Prévention et lutte contre l'extrémisme violent",
    "Violence prevention": "Prévention de la violence",
    "Youth": "Jeunesse",
    "Community policing": "Police de proximité",
    "Social cohesion": "Cohésion sociale",
    "Frontline training": "Formation des intervenants de première ligne",
    "Senegal": "Sénégal",
    "West Africa": "Afrique de l'Ouest",
    "French, Wolof": "français, wolof",
    (
        "Dakar, the capital of Senegal, runs a city-wide Volunteer Programme that involves young people in "
        "urban safety and community life. Its urban security adviser to the Mayor leads the city's work on "
        "violence prevention."
    ): (
        "Dakar, capitale du Sénégal, mène à l'échelle de toute la ville un programme de volontaires qui "
        "associe les jeunes à la sécurité urbaine et à la vie des quartiers. Le travail de la Ville en "
        "prévention de la violence est piloté par le conseiller du maire pour la sécurité urbaine."
    ),
    "Canada": "Canada",
    "North America": "Amérique du Nord",
    "French, English": "français, anglais",
    (
        "Montréal combines municipal social development, community policing and a dedicated centre for the "
        "prevention of radicalisation leading to violence (CPRLV). Its multi-agency RÉSAL structure and "
        "Collège de Maisonneuve's “Travailleurs de corridor” are among its best-known practices."
    ): (
        "Montréal conjugue le développement social municipal, la police de quartier et un centre voué à la "
        "prévention de la radicalisation menant à la violence (CPRLV). Sa structure multipartenaire RÉSAL "
        "et les «\xa0Travailleurs de corridor\xa0» du Collège de Maisonneuve comptent parmi ses pratiques "
        "les plus connues."
    ),
    "Institute for Strategic Dialogue": "Institute for Strategic Dialogue",
    "ISD": "ISD",
    "Strong Cities Network": "Strong Cities Network",
    "SCN": "SCN",
    "Ville de Montréal": "Ville de Montréal",
    "International Relations, Ville de Montréal": "Bureau des relations internationales, Ville de Montréal",
    "Department of Social Diversity and Sports": "Service de la diversité sociale et des sports",
    "Ville de Dakar": "Ville de Dakar",
    "Service de Police de la Ville de Montréal": "Service de police de la Ville de Montréal",
    "SPVM": "SPVM",
    "SPVM Hate Crimes unit": "Module incidents et crimes haineux du SPVM",
    "SPVM Counterterrorism unit": "Section antiterrorisme du SPVM",
    "Institut universitaire sur les jeunes en difficulté": "Institut universitaire sur les jeunes en difficulté",
    "IUJD": "IUJD",
    "International Centre for the Prevention of Crime": "Centre international pour la prévention de la criminalité",
    "ICPC": "CIPC",
    "Montréal Institute for Genocide and Human Rights Studies": (
        "Institut montréalais d'études sur le génocide et les droits de la personne"
    ),
    "MIGS": "MIGS",
    "Parliamentarians for Global Action": "Action mondiale des parlementaires",
    "PGA": "PGA",
    "Collège de Maisonneuve": "Collège de Maisonneuve",
    "Centre for the Prevention of Radicalization Leading to Violence": (
        "Centre de prévention de la radicalisation menant à la violence"
    ),
    "CPRLV": "CPRLV",
    "International Relations adviser": "Conseiller en relations internationales",
    "French, English, Spanish": "français, anglais, espagnol",
    "Urban security adviser to the Mayor": "Conseiller du maire pour la sécurité urbaine",
    "Supervisor of the Volunteer Programme": "Superviseur du Programme des volontaires",
    "Commander": "Commandant",
    "Community Development Adviser": "Conseillère en développement communautaire",
    "RÉSAL (Réseau d’échange et de soutien aux actions locales)": (
        "RÉSAL (Réseau d’échange et de soutien aux actions locales)"
    ),
    "RÉSAL": "RÉSAL",
    "A multi-agency structure that prevents and responds to violence, especially by young people.": (
        "Une structure multipartenaire qui prévient la violence, en particulier celle des jeunes, et qui y répond."
    ),
    (
        "A unique multi-agency structure involving the Institut universitaire sur les jeunes en difficulté, "
        "the Ville de Montréal, the SPVM and a range of organisations working in the field. Its primary "
        "focus is to prevent and respond to violence, especially violent behaviour of young people, and to "
        "consult with all actors and stakeholders to determine the problems and possible solutions. It was "
        "piloted in the Saint-Pierre district of Lachine."
    ): (
        "Une structure multipartenaire sans équivalent, qui réunit l'Institut universitaire sur les jeunes "
        "en difficulté, la Ville de Montréal, le SPVM et un ensemble d'organismes actifs sur le terrain. Sa "
        "mission première est de prévenir la violence, en particulier les comportements violents chez les "
        "jeunes, et d'y répondre, en consultant l'ensemble des acteurs et des parties prenantes pour cerner "
        "les problèmes et les solutions possibles. Elle a d'abord été mise à l'essai dans le quartier "
        "Saint-Pierre, à Lachine."
    ),
    "Dakar Volunteer Programme": "Programme des volontaires de Dakar",
    "Dakar's innovative programme of city volunteers working for safety and cohesion.": (
        "Le programme novateur de Dakar, dont les volontaires municipaux œuvrent pour la sécurité et la "
        "cohésion de la ville."
    ),
    (
        "Dakar's innovative Volunteer Programme, supervised by Papa Alassane Seck. After the 2017 exchange, "
        "the CPRLV's training and awareness-raising tools were adapted to the Senegalese context to train "
        "its volunteers on the frontline."
    ): (
        "Le programme novateur des volontaires de Dakar, supervisé par Papa Alassane Seck. À la suite de "
        "l'échange de 2017, les outils de formation et de sensibilisation du CPRLV ont été adaptés au "
        "contexte sénégalais afin de former ses volontaires, qui travaillent en première ligne."
    ),
    "Travailleurs de corridor": "Travailleurs de corridor",
    "Collège de Maisonneuve's corridor workers, a response to students leaving for Syria and Iraq.": (
        "Les travailleurs de corridor du Collège de Maisonneuve, une réponse aux départs d'étudiants vers "
        "la Syrie et l'Irak."
    ),
    ("Developed by the Collège de Maisonneuve as a response to a number of students leaving for Syria and Iraq."): (
        "Conçu par le Collège de Maisonneuve en réponse au départ d'un certain nombre de ses étudiants vers "
        "la Syrie et l'Irak."
    ),
    "Sharing vital practical tools and initiatives": "Partager des outils et des initiatives pratiques essentiels",
    "to reduce local risk, prevent violence and build cohesive communities;": (
        "pour réduire les risques locaux, prévenir la violence et bâtir des communautés solidaires\xa0;"
    ),
    "Developing a mutual understanding of the strategic planning processes in each city": (
        "Développer une compréhension mutuelle des processus de planification stratégique de chaque ville"
    ),
    (
        ", including how local action plans are developed, how risks are assessed and profiled, how "
        "partners and resources are allocated, what mitigation/prevention approaches are chosen, and how "
        "strategies are monitored and evaluated;"
    ): (
        ", notamment la façon dont les plans d'action locaux sont élaborés, dont les risques sont évalués "
        "et cartographiés, dont les partenaires et les ressources sont répartis, les approches "
        "d'atténuation et de prévention retenues, et la façon dont les stratégies font l'objet d'un suivi "
        "et d'une évaluation\xa0;"
    ),
    "Improving mutual understanding of how P/CVE activities are being communicated": (
        "Mieux comprendre, de part et d'autre, comment sont communiquées les activités de prévention et de "
        "lutte contre l'extrémisme violent"
    ),
    "by municipal actors at the same time as understanding the broader public perceptions of this work;": (
        "par les acteurs municipaux, tout en cernant la perception plus générale qu'a le public de ce travail\xa0;"
    ),
    "Seeing first-hand how the city is implementing key initiatives on the frontline": (
        "Voir de près comment la ville met en œuvre ses initiatives clés sur le terrain"
    ),
    (
        "through local site visits. Visits may include local welcome or information centres for refugees "
        "and new citizens, specialist centres of excellence on P/CVE and connected issues, youth centres "
        "and engagement programmes, community policing teams, or deradicalisation and disengagement "
        "specialist teams;"
    ): (
        "grâce à des visites de sites locaux. Ces visites peuvent comprendre des centres locaux d'accueil "
        "ou d'information pour les réfugiés et les nouveaux citoyens, des centres d'excellence spécialisés "
        "en prévention et en lutte contre l'extrémisme violent et dans les questions connexes, des maisons "
        "de jeunes et des programmes de mobilisation des jeunes, des équipes de police de proximité, ou "
        "encore des équipes spécialisées en déradicalisation et en désengagement\xa0;"
    ),
    "Building a long-term partnership between two SCN member cities": (
        "Bâtir un partenariat durable entre deux villes membres du SCN"
    ),
    (
        "to provide bilateral support to design, share and implement effective P/CVE policies and practices "
        "beyond the exchange."
    ): (
        "afin d'apporter un soutien bilatéral à la conception, au partage et à la mise en œuvre de "
        "politiques et de pratiques efficaces de prévention et de lutte contre l'extrémisme violent au-delà "
        "de l'échange."
    ),
    "Hôtel de Ville de Montréal": "Hôtel de Ville de Montréal",
    "Saint-Pierre district": "Quartier Saint-Pierre",
    "SPVM headquarters": "Quartier général du SPVM",
    "Roundtables with the Ville de Montréal": "Tables rondes avec la Ville de Montréal",
    "A series of roundtables with key representatives from the Ville de Montréal.": (
        "Une série de tables rondes avec des représentants clés de la Ville de Montréal."
    ),
    "Site visit: RÉSAL in Saint-Pierre, Lachine": "Visite de terrain\xa0: le RÉSAL à Saint-Pierre, Lachine",
    "Local social and community workers present the RÉSAL pilot and the local context of Lachine.": (
        "Des intervenants sociaux et communautaires du quartier présentent le projet pilote du RÉSAL et le "
        "contexte local de Lachine."
    ),
    "SPVM headquarters: Hate Crimes and Counterterrorism briefings": (
        "Quartier général du SPVM\xa0: séances d'information sur les crimes haineux et la lutte antiterroriste"
    ),
    "Briefings from officers of the Hate Crimes and Counterterrorism units.": (
        "Des policiers des unités responsables des crimes haineux et de la lutte antiterroriste présentent "
        "leur travail."
    ),
    "Research and expertise on P/CVE: presentations by Montréal institutions": (
        "Recherche et expertise en prévention de l'extrémisme violent\xa0: présentations d'institutions montréalaises"
    ),
    "Several institutions present their research and expertise on P/CVE and related fields.": (
        "Plusieurs institutions présentent leurs recherches et leur expertise en prévention et en lutte "
        "contre l'extrémisme violent, ainsi que dans des domaines connexes."
    ),
    "Frontline awareness training workshop at the CPRLV": (
        "Atelier au CPRLV\xa0: formation de sensibilisation pour les intervenants de première ligne"
    ),
    "A two-day workshop to design a frontline awareness training programme for Dakar's volunteers.": (
        "Un atelier de deux jours pour concevoir un programme de formation et de sensibilisation de "
        "première ligne destiné aux volontaires de Dakar."
    ),
    (
        "All parties to further develop the training for the volunteers of the Volunteer Programme in "
        "Dakar, with the CPRLV assessment tools serving as a basis for continued contextual adaptation by "
        "partners in Dakar."
    ): (
        "Toutes les parties poursuivront l'élaboration de la formation destinée aux volontaires du "
        "Programme des volontaires de Dakar, en s'appuyant sur les outils d'évaluation du CPRLV, que les "
        "partenaires dakarois continueront d'adapter au contexte local."
    ),
    (
        "The SCN to continue to support bilateral cooperation between Montréal and Dakar in addition to its "
        "individual cooperation with both cities."
    ): (
        "Le SCN continuera d'appuyer la coopération bilatérale entre Montréal et Dakar, en plus de la "
        "coopération qu'il mène avec chacune des deux villes."
    ),
    (
        "The SCN to highlight the lessons of this exchange through online City Profiles, detailing best "
        "practice initiatives, and through future SCN training and events."
    ): (
        "Le SCN fera connaître les enseignements de cet échange dans ses profils de villes en ligne, qui "
        "présentent des initiatives exemplaires, ainsi que lors de ses prochaines formations et activités."
    ),
    (
        "Dakar exchange participants to provide regular updates on the design of the training package for "
        "use in the Dakar Volunteer Programme and, pending funding opportunities, draw on the SCN, Montréal "
        "counterparts and expertise from the CPRLV to identify and deliver a sustained programme of "
        "training."
    ): (
        "Les participants dakarois à l'échange feront régulièrement le point sur la conception du programme "
        "de formation destiné au Programme des volontaires de Dakar et, sous réserve de financement, feront "
        "appel au SCN, à leurs homologues montréalais et à l'expertise du CPRLV pour définir et offrir une "
        "formation suivie."
    ),
    "CPRLV to circulate an initial concept note to this end.": (
        "Le CPRLV diffusera une première note conceptuelle à cette fin."
    ),
    "Network staff (all pages, the admin)": "Personnel du réseau (toutes les pages, l'administration)",
    "Montréal coordinator (Esteban Benavides)": "Coordination de Montréal (Esteban Benavides)",
    "Dakar delegate (Maye Seck)": "Délégation de Dakar (Maye Seck)",
    "SCN bilateral city exchanges 2017–2018": "Échanges bilatéraux entre villes du SCN, 2017–2018",
    (
        "The SCN will run three direct city-to-city practitioner exchanges between member cities in 2017 and 2018."
    ): "Le SCN organisera trois échanges directs entre praticiens de villes membres en 2017 et 2018.",
    "Dakar–Montréal city exchange": "Échange Dakar–Montréal",
    (
        "Building cooperation and shared learning to counter violent extremism between the cities of Dakar "
        "and Montréal: to promote and share on a city-to-city basis vital practical tools and initiatives "
        "to reduce local risk, prevent violence and build cohesive communities."
    ): (
        "Bâtir la coopération et l'apprentissage mutuel entre Dakar et Montréal pour contrer l'extrémisme "
        "violent\xa0: promouvoir et partager, de ville à ville, des outils et des initiatives pratiques "
        "essentiels pour réduire les risques locaux, prévenir la violence et bâtir des communautés "
        "solidaires."
    ),
    (
        "This exchange represents the first step in building continued SCN cooperation between Montréal and "
        "Dakar on a bilateral basis. The important lessons of these exchanges feed into the broader work of "
        "the SCN, demonstrating the potential for increased city-to-city collaboration and serving as an "
        "instructive approach to sharing best practice across differing local contexts with shared goals."
    ): (
        "Cet échange marque une première étape vers une coopération suivie entre Montréal et Dakar, sur une "
        "base bilatérale, dans le cadre du SCN. Ses enseignements nourrissent l'ensemble des travaux du "
        "réseau\xa0: ils montrent ce qu'une collaboration accrue entre villes peut apporter et offrent une "
        "démarche utile pour partager de bonnes pratiques entre des contextes locaux différents qui "
        "poursuivent des objectifs communs."
    ),
}
