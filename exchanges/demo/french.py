"""French for every text a reader sees in the Dakar–Montréal demo (exchanges/demo/).

Keys are the English texts exactly as the demo writes them; values are their French, written as a translator
would, not by machine. Names of people and places stay as they are. Where an organisation has a French name
of its own, that name is used (Service de police de la Ville de Montréal, Centre international pour la
prévention de la criminalité (CIPC), Action mondiale des parlementaires); names that have no French form
(Institute for Strategic Dialogue, Strong Cities Network) and names already French map to themselves, so that
a missing entry always means an untranslated text. French typography: a no-break space before « ; : » and
inside guillemets. Session notes are not here: see exchanges/demo/notes.py.
"""

from exchanges.demo.followup import FOLLOW_UP_FRENCH

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
        "A multi-agency structure with no equivalent elsewhere: the Institut universitaire sur les jeunes en "
        "difficulté, the Ville de Montréal and the SPVM sit in it alongside many organisations active on the "
        "ground. It sets out to stop violence before it happens, above all among young people, and to respond "
        "when it does, after hearing every actor and stakeholder concerned on what the problems are and what "
        "could solve them. Its first pilot ran in the Saint-Pierre district of Lachine."
    ): (
        "Une structure multipartenaire sans équivalent ailleurs\xa0: l'Institut universitaire sur les jeunes en "
        "difficulté, la Ville de Montréal et le SPVM y siègent aux côtés de nombreux organismes actifs sur le "
        "terrain. Elle vise à empêcher la violence avant qu'elle ne survienne, surtout chez les jeunes, et à y "
        "répondre lorsqu'elle survient, après avoir entendu tous les acteurs et toutes les parties prenantes "
        "concernés sur les problèmes et sur ce qui pourrait les résoudre. Son premier projet pilote s'est déroulé "
        "dans le quartier Saint-Pierre, à Lachine."
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
    "The Collège de Maisonneuve set it up after several of its students left for Syria and Iraq.": (
        "Le Collège de Maisonneuve l'a mis sur pied après le départ de plusieurs de ses étudiants vers la Syrie et "
        "l'Irak."
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
    "Centre de prévention de la radicalisation menant à la violence": (
        "Centre de prévention de la radicalisation menant à la violence"
    ),
    "Quartier Saint-Pierre": "Quartier Saint-Pierre",
    "Quartier général du SPVM": "Quartier général du SPVM",
    "Roundtables with the Ville de Montréal": "Tables rondes avec la Ville de Montréal",
    "Roundtables where senior people of the Ville de Montréal meet the Dakar delegation.": (
        "Des tables rondes où des responsables de la Ville de Montréal rencontrent la délégation de Dakar."
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
    (
        "Montréal research centres and organisations share what they know and do about preventing violent extremism "
        "and in nearby fields."
    ): (
        "Des centres de recherche et des organismes montréalais présentent leurs travaux et leur expertise en "
        "prévention de l'extrémisme violent et dans des domaines voisins."
    ),
    "Frontline awareness training workshop at the CPRLV": (
        "Atelier au CPRLV\xa0: formation de sensibilisation pour les intervenants de première ligne"
    ),
    "Two days of work at the CPRLV on an awareness course for the volunteers who serve on Dakar's frontline.": (
        "Deux jours de travail au CPRLV sur une formation de sensibilisation pour les volontaires qui agissent en "
        "première ligne à Dakar."
    ),
    (
        "Keep building, together, the training of the volunteers of Dakar's Volunteer Programme, starting from "
        "the CPRLV's assessment tools, which Dakar's partners go on adapting to local conditions."
    ): (
        "Poursuivre ensemble l'élaboration de la formation des volontaires du Programme des volontaires de "
        "Dakar, à partir des outils d'évaluation du CPRLV, que les partenaires dakarois continuent d'adapter "
        "au contexte local."
    ),
    "The SCN keeps supporting Montréal and Dakar in working as a pair, alongside its own work with each city.": (
        "Le SCN continue d'appuyer le travail en tandem de Montréal et de Dakar, en plus de celui qu'il mène "
        "avec chacune des deux villes."
    ),
    (
        "The SCN passes on what this exchange taught through its online City Profiles, which describe "
        "good-practice initiatives, and at its coming training sessions and events."
    ): (
        "Le SCN fait connaître les enseignements de cet échange dans ses profils de villes en ligne, qui "
        "présentent des initiatives exemplaires, ainsi que lors de ses prochaines formations et activités."
    ),
    (
        "Dakar's participants report regularly on how the training package for the Volunteer Programme takes "
        "shape and, once funding allows, call on the SCN, their Montréal counterparts and the CPRLV's expertise "
        "to set up and run training that lasts."
    ): (
        "Les participants dakarois font régulièrement le point sur l'avancement du programme de formation "
        "destiné au Programme des volontaires et, dès que le financement le permet, font appel au SCN, à leurs "
        "homologues montréalais et à l'expertise du CPRLV pour mettre sur pied et offrir une formation durable."
    ),
    "The CPRLV sends round a first concept note for this training.": (
        "Le CPRLV diffuse une première note conceptuelle pour cette formation."
    ),
    "Network staff (all pages, the admin)": "Personnel du réseau (toutes les pages, l'administration)",
    "Montréal coordinator (Esteban Benavides)": "Coordination de Montréal (Esteban Benavides)",
    "Dakar coordinator": "Coordination de Dakar",
    "Dakar delegate (Maye Seck)": "Délégation de Dakar (Maye Seck)",
    "SCN bilateral city exchanges 2017–2018": "Échanges bilatéraux entre villes du SCN, 2017–2018",
    "Three direct exchanges between practitioners of SCN member cities, held over 2017 and 2018.": (
        "Trois échanges directs entre praticiens de villes membres du SCN, tenus en 2017 et 2018."
    ),
    "Dakar–Montréal city exchange": "Échange Dakar–Montréal",
    (
        "Helping the cities of Dakar and Montréal learn from each other and work together against violent "
        "extremism, by passing on, city to city, practical tools and initiatives that lower local risk, prevent "
        "violence and help communities hold together."
    ): (
        "Aider les villes de Dakar et de Montréal à apprendre l'une de l'autre et à agir ensemble contre "
        "l'extrémisme violent, en se transmettant, de ville à ville, des outils et des initiatives pratiques "
        "qui réduisent les risques locaux, préviennent la violence et aident les communautés à rester unies."
    ),
    (
        "The exchange was a first step towards lasting bilateral cooperation between Montréal and Dakar within "
        "the SCN. What the two cities learned feeds the network's wider work: it shows how much cities gain by "
        "working together directly, and offers a way to share good practice between places whose contexts "
        "differ but whose goals are the same."
    ): (
        "L'échange a marqué une première étape vers une coopération bilatérale durable entre Montréal et Dakar "
        "au sein du SCN. Ce que les deux villes y ont appris nourrit l'ensemble des travaux du réseau\xa0: il "
        "montre tout ce que les villes gagnent à travailler directement ensemble et offre une façon de partager "
        "de bonnes pratiques entre des lieux aux contextes différents, mais aux objectifs communs."
    ),
}

# What followed the exchange (exchanges/demo/followup.py).
FRENCH |= FOLLOW_UP_FRENCH
