"""Demo data for the innovation catalogue: the accelerator's laureates published as innovations
(in French, with English and Spanish translations), innovations of other national societies
of the movement written in their own language, and what moderators and members do with them
(a moderation queue, a society's own validation, changes requested, a new version waiting,
replications, follows).

Deterministic: the same records at every load, dated relative to the day of loading so that
the catalogue always has recent publications. Records are created through the models, moved
through the moderation workflow (so their history is recorded) and indexed for search."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from tremplin.accounts.models import Organisation, Person, Role
from tremplin.accounts.services import grant_role
from tremplin.catalogue.models import (
    CostRange,
    Criterion,
    Follow,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Replication,
    Resource,
    Review,
    SocietyPolicy,
    Stage,
    TargetPublic,
)
from tremplin.catalogue.services import moderation
from tremplin.catalogue.target_publics import sync_target_publics
from tremplin.catalogue.workflow import VERSION_WORKFLOW
from tremplin.core.models import HistoryEntry
from tremplin.demo.accounts import create_demo_person
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

S = InnovationVersion.State
MODERATOR = "moderator@example.org"


def t(fr: str = "", en: str = "", es: str = "", ar: str = "") -> dict:
    return {k: v for k, v in {"fr": fr, "en": en, "es": es, "ar": ar}.items() if v}


# --- People who carry the records (besides the demo accounts of dataset.py) ---------------------

# e-mail, full name, language, organisation
OWNERS = [
    ("backpack@example.org", "Inès Moulin", "fr", "Croix-Rouge française"),
    ("mehandyou@example.org", "Karim Belkacem", "fr", "Croix-Rouge française"),
    ("solinum@example.org", "Victoria Mandefield", "fr", "Solinum"),
    ("toutesmesaides@example.org", "Guillaume Ferrand", "fr", "Toutes Mes Aides"),
    ("tzic@example.org", "Manon Perrin", "fr", "T.zic"),
    ("wero@example.org", "Rania Haddad", "fr", "WERO"),
    ("potages@example.org", "Chantal Le Goff", "fr", "Croix-Rouge française"),
    ("esid@example.org", "Bastien Carré", "fr", "Croix-Rouge française"),
    ("mobilites@example.org", "Olivier Masson", "fr", "Croix-Rouge Mobilités"),
    ("arbitryum@example.org", "Hélène Vidal", "fr", "Arbitryum"),
    ("enouma@example.org", "Fatou Ndiaye", "fr", "ENOUMA"),
    ("aalia@example.org", "Mehdi Aït-Ali", "fr", "AALIA.tech"),
    ("changeofview@example.org", "Aurélie Besson", "fr", "Croix-Rouge française"),
    ("gulao@example.org", "Romain Giraud", "fr", "Croix-Rouge française"),
    ("oqapi@example.org", "Claire Nguyen", "fr", "Arkhn"),
    ("cruzroja@example.org", "Javier Ortega", "es", "Cruz Roja Española"),
    ("empleo.cruzroja@example.org", "Marta Sánchez", "es", "Cruz Roja Española"),
    ("croixrouge.ca@example.org", "Emily Tremblay", "en", "Croix-Rouge canadienne"),
    ("cri@example.org", "Giulia Romano", "en", "Croce Rossa Italiana"),
    ("redcross.lb@example.org", "Rami Khoury", "ar", "Croix-Rouge libanaise"),
    ("croixrouge.be@example.org", "Anne Dumont", "fr", "Croix-Rouge de Belgique"),
    ("croixrouge.sn@example.org", "Mamadou Sarr", "fr", "Croix-Rouge sénégalaise"),
    ("croixrouge.ch@example.org", "Lukas Meier", "fr", "Croix-Rouge suisse"),
    ("crm@example.org", "Salma Benjelloun", "ar", "Croissant-Rouge marocain"),
    # Validates the Moroccan Red Crescent's records before the central team (SocietyPolicy).
    ("validation.crm@example.org", "Youssef Alaoui", "ar", "Croissant-Rouge marocain"),
    ("croixrouge.lu@example.org", "Paul Weber", "fr", "Croix-Rouge luxembourgeoise"),
]

# National societies that validate their records before the central team: society -> validators.
SOCIETY_POLICIES = {"Croissant-Rouge marocain": ["validation.crm@example.org"]}


def figure(fr, en, value, unit, source, measured_on):
    return {
        "label": t(fr, en),
        "value": Decimal(value),
        "unit": unit,
        "source": source,
        "measured_on": measured_on,
    }


# --- The records ------------------------------------------------------------------------------
# Each record: who owns it, where it comes from, its classification, its text per language,
# its evidence and resources, and where it stands ("published" `days` ago, or in moderation).

RECORDS = [
    # ---- Laureates of the accelerator (French Red Cross and entrepreneurs) ----
    {
        "slug": "minutis",
        "owner": "minutis@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française (intrapreneuriat, programme 21)",
        "country": "FR",
        "language": "fr",
        "stage": Stage.SCALED,
        "publics": ["volunteers", "disaster-affected", "professionals"],
        "themes": ["emergency"],
        "sdgs": [3, 11, 17],
        "cost": CostRange.UNDER_200K,
        "months": 9,
        "days": 410,
        "title": t("Minutis", "Minutis", "Minutis"),
        "pitch": t(
            "Coordonner en temps réel les opérations d'urgence : équipes, véhicules, radios, victimes.",
            "Coordinating emergency operations in real time: teams, vehicles, radios, victims.",
            "Coordinar en tiempo real las operaciones de emergencia: equipos, vehículos, radios, víctimas.",
        ),
        "need": t(
            "Sur un dispositif de secours, les informations circulent sur papier, par radio et par téléphone. Le poste de commandement ne sait pas toujours quelle équipe est disponible, où se trouvent les véhicules ni combien de victimes ont été prises en charge.",
            "On a first-aid operation, information travels on paper, by radio and by phone. The command post does not always know which team is free, where the vehicles are or how many victims have been cared for.",
            "En un dispositivo de socorro, la información circula en papel, por radio y por teléfono. El puesto de mando no siempre sabe qué equipo está disponible, dónde están los vehículos ni cuántas víctimas se han atendido.",
        ),
        "solution": t(
            "Une application web et mobile, conçue par des bénévoles secouristes, qui partage en temps réel l'état des équipes, des moyens et des victimes entre le terrain et le poste de commandement. Elle fonctionne en mode dégradé quand le réseau tombe.",
            "A web and mobile application, designed by volunteer first-aiders, that shares in real time the status of teams, means and victims between the field and the command post. It keeps working in degraded mode when the network fails.",
            "Una aplicación web y móvil, diseñada por socorristas voluntarios, que comparte en tiempo real el estado de los equipos, los medios y las víctimas entre el terreno y el puesto de mando. Sigue funcionando en modo degradado cuando falla la red.",
        ),
        "value_proposition": t(
            "Un outil pensé par et pour les bénévoles de l'urgence, gratuit pour les unités locales, qui remplace les main courantes papier sans ajouter de charge aux équipes.",
            "A tool designed by and for emergency volunteers, free for local units, that replaces paper logbooks without adding work for the teams.",
        ),
        "results": t(
            "Déployé dans toutes les délégations territoriales de la Croix-Rouge française. Les bilans de victimes sont transmis au SAMU en moins de deux minutes, contre plus de dix auparavant.",
            "Deployed in every territorial delegation of the French Red Cross. Victim reports reach the emergency medical service in under two minutes, against more than ten before.",
        ),
        "transfer_potential": t(
            "Le logiciel est multilingue et s'adapte aux procédures de chaque société nationale : la Croix-Rouge de Belgique l'utilise depuis 2022.",
            "The software is multilingual and adapts to each national society's procedures: the Belgian Red Cross has used it since 2022.",
        ),
        "resources": t(
            "Un chef de projet, un référent technique bénévole par territoire, des tablettes ou téléphones pour les chefs d'équipe.",
            "A project lead, one volunteer technical referent per territory, tablets or phones for team leaders.",
        ),
        "partners_needed": t(
            "Les services d'urgence publics (SAMU, pompiers) pour l'échange des bilans.",
            "Public emergency services (ambulance, fire brigade) to exchange victim reports.",
        ),
        "figures": [
            figure(
                "dispositifs de secours coordonnés avec Minutis",
                "first-aid operations coordinated with Minutis",
                "12400",
                "",
                "Croix-Rouge française, rapport d'activité urgence et secourisme",
                date(2022, 12, 31),
            ),
            figure(
                "bénévoles utilisateurs",
                "volunteer users",
                "18000",
                "",
                "Statistiques d'usage de l'application",
                date(2023, 3, 1),
            ),
        ],
        "links": [("Présentation du projet Minutis", "https://minutis.example.org/")],
        "laureate": "Minutis",
    },
    {
        "slug": "soliguide-solinum",
        "owner": "solinum@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Solinum",
        "country": "FR",
        "language": "fr",
        "stage": Stage.SCALED,
        "publics": ["homeless", "precarity"],
        "themes": ["exclusion", "food-aid"],
        "sdgs": [1, 2, 10],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 380,
        "title": t("Soliguide, par Solinum", "Soliguide, by Solinum", "Soliguide, de Solinum"),
        "pitch": t(
            "Orienter les personnes en situation de précarité vers les services dont elles ont besoin.",
            "Guiding people in precarity to the services they need.",
            "Orientar a las personas en situación de precariedad hacia los servicios que necesitan.",
        ),
        "need": t(
            "Les personnes sans domicile et les travailleurs sociaux perdent un temps précieux à chercher où manger, se laver, se soigner ou être hébergé : les horaires changent et les listes papier sont vite périmées.",
            "Homeless people and social workers waste precious time looking for where to eat, wash, get care or find a bed: opening hours change and paper lists are soon out of date.",
            "Las personas sin hogar y los trabajadores sociales pierden un tiempo precioso buscando dónde comer, asearse, recibir atención o alojarse: los horarios cambian y las listas en papel caducan pronto.",
        ),
        "solution": t(
            "Un guide en ligne des services solidaires, tenu à jour avec les structures elles-mêmes, consultable sur un téléphone bas de gamme, en plusieurs langues et sans création de compte.",
            "An online guide to solidarity services, kept up to date with the organisations themselves, usable on a cheap phone, in several languages and without creating an account.",
            "Una guía en línea de los servicios solidarios, actualizada con las propias entidades, consultable en un teléfono sencillo, en varios idiomas y sin crear una cuenta.",
        ),
        "value_proposition": t(
            "Une information fiable parce qu'elle est vérifiée chaque trimestre par une équipe dédiée et par les bénévoles des unités locales.",
            "Reliable information, because a dedicated team and the volunteers of local units check it every quarter.",
        ),
        "results": t(
            "Plus de 100 000 recherches par mois ; 84 % des travailleurs sociaux interrogés disent gagner du temps dans l'orientation.",
            "More than 100,000 searches a month; 84% of the social workers surveyed say they save time when guiding people.",
        ),
        "transfer_potential": t(
            "Le modèle s'étend département par département avec un animateur local ; la base de données et le code sont ouverts.",
            "The model spreads department by department with a local coordinator; the database and the code are open.",
        ),
        "resources": t(
            "Un animateur territorial à mi-temps et des bénévoles pour la mise à jour des fiches.",
            "A half-time territorial coordinator and volunteers to update the listings.",
        ),
        "partners_needed": t(
            "Les collectivités, les services intégrés d'accueil et d'orientation, les associations locales.",
            "Local authorities, reception and guidance services, local associations.",
        ),
        "figures": [
            figure(
                "recherches par mois sur le guide",
                "searches a month on the guide",
                "100000",
                "",
                "Solinum, rapport d'impact",
                date(2022, 6, 30),
            ),
            figure(
                "des travailleurs sociaux disent gagner du temps",
                "of social workers say they save time",
                "84",
                "%",
                "Enquête Solinum auprès de 600 professionnels",
                date(2021, 11, 15),
            ),
        ],
        "links": [("Soliguide", "https://soliguide.example.org/")],
        "laureate": "Solinum",
    },
    {
        "slug": "toutes-mes-aides",
        "owner": "toutesmesaides@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Toutes Mes Aides",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["precarity", "children-families", "young-people"],
        "themes": ["social-action", "exclusion"],
        "sdgs": [1, 10],
        "cost": CostRange.UNDER_50K,
        "months": 4,
        "days": 300,
        "title": t("Toutes Mes Aides", "Toutes Mes Aides (All My Benefits)"),
        "pitch": t(
            "Une intelligence artificielle pour faire valoir ses droits aux aides sociales.",
            "AI to claim the social benefits one is entitled to.",
        ),
        "need": t(
            "Un tiers des personnes éligibles au revenu de solidarité active ne le demandent pas. Le non-recours vient de la complexité des démarches et de la méconnaissance des droits.",
            "A third of the people entitled to the French minimum income do not claim it. Non-take-up comes from complex procedures and not knowing one's rights.",
        ),
        "solution": t(
            "Un simulateur conversationnel qui pose quelques questions simples, estime en dix minutes les droits à plus de 600 aides nationales et locales et prépare les dossiers avec la personne.",
            "A conversational simulator that asks a few simple questions, estimates in ten minutes the rights to more than 600 national and local benefits and prepares the claims with the person.",
        ),
        "value_proposition": t(
            "L'outil est utilisé en autonomie ou aux côtés d'un bénévole, qui voit les mêmes écrans et peut reprendre la démarche plus tard.",
            "People use it on their own or beside a volunteer, who sees the same screens and can pick the claim up later.",
        ),
        "results": t(
            "En moyenne 1 850 € d'aides annuelles identifiées par foyer accompagné ; 40 permanences de la Croix-Rouge française l'utilisent.",
            "On average €1,850 of yearly benefits identified per household supported; 40 French Red Cross help desks use it.",
        ),
        "transfer_potential": t(
            "Les règles des aides sont propres à chaque pays : la méthode (simulation, accompagnement, suivi) se transpose, le moteur de règles doit être réécrit.",
            "Benefit rules are specific to each country: the method (simulation, support, follow-up) transfers, the rules engine must be rewritten.",
        ),
        "resources": t(
            "Des bénévoles formés en une demi-journée, un ordinateur ou une tablette par permanence.",
            "Volunteers trained in half a day, one computer or tablet per help desk.",
        ),
        "partners_needed": t(
            "Les caisses d'allocations familiales et les centres communaux d'action sociale.",
            "Family benefit funds and municipal social action centres.",
        ),
        "figures": [
            figure(
                "d'aides annuelles identifiées par foyer",
                "of yearly benefits identified per household",
                "1850",
                "€",
                "Toutes Mes Aides, bilan des permanences",
                date(2022, 9, 30),
            ),
        ],
        "links": [],
        "laureate": "Toutes Mes Aides",
    },
    {
        "slug": "aalia-tech",
        "owner": "aalia@example.org",
        "society": "Croix-Rouge française",
        "organisation": "AALIA.tech",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["migrants", "hospitalised", "professionals"],
        "themes": ["health", "migrations"],
        "sdgs": [3, 10],
        "cost": CostRange.UNDER_50K,
        "months": 3,
        "days": 120,
        "title": t("AALIA.tech", "AALIA.tech", "AALIA.tech"),
        "pitch": t(
            "Un assistant vocal qui fait dialoguer un professionnel de santé et un patient allophone.",
            "A voice assistant between a health professional and a patient who does not speak the language.",
            "Un asistente de voz que permite dialogar a un profesional sanitario y a un paciente alófono.",
        ),
        "need": t(
            "Aux urgences et en consultation, faute d'interprète, les soignants échangent par gestes ou avec un proche avec les patients exilés. Les erreurs de compréhension retardent les soins.",
            "In emergency rooms and consultations, without an interpreter, carers communicate by gestures or through a relative with refugees and other exiled patients. Misunderstandings delay care.",
            "En urgencias y en consulta, a falta de intérprete, el personal sanitario se comunica por gestos o a través de un familiar con los pacientes exiliados. Los malentendidos retrasan la atención.",
        ),
        "solution": t(
            "Un assistant vocal sur tablette, entraîné au vocabulaire médical, qui traduit l'échange dans 30 langues, dont le dari, le pachto et le tigrigna, avec des questions d'anamnèse validées par des médecins.",
            "A voice assistant on a tablet, trained on medical vocabulary, that translates the conversation into 30 languages, including Dari, Pashto and Tigrinya, with history-taking questions validated by doctors.",
            "Un asistente de voz en tableta, entrenado con vocabulario médico, que traduce la conversación a 30 idiomas, entre ellos el dari, el pastún y el tigriña, con preguntas de anamnesis validadas por médicos.",
        ),
        "value_proposition": t(
            "Contrairement aux traducteurs grand public, les phrases médicales clés sont pré-traduites et relues par des interprètes professionnels.",
            "Unlike consumer translators, the key medical sentences are pre-translated and checked by professional interpreters.",
        ),
        "results": t(
            "Pilote dans deux centres de santé de la Croix-Rouge française : durée de l'entretien d'accueil réduite de 35 %.",
            "Pilot in two French Red Cross health centres: the intake interview is 35% shorter.",
        ),
        "transfer_potential": t(
            "Utilisable dans tout centre de santé accueillant des personnes exilées ; de nouvelles langues s'ajoutent en quelques semaines.",
            "Usable in any health centre that welcomes exiled people; new languages are added in a few weeks.",
        ),
        "resources": t(
            "Une tablette par cabinet, une demi-journée de formation des soignants.",
            "One tablet per consulting room, half a day of training for carers.",
        ),
        "partners_needed": t(
            "Des interprètes professionnels pour valider les traductions.",
            "Professional interpreters to validate the translations.",
        ),
        "figures": [
            figure(
                "de temps gagné sur l'entretien d'accueil",
                "less time for the intake interview",
                "35",
                "%",
                "Évaluation du pilote, centres de santé de Paris et Marseille",
                date(2023, 1, 31),
            ),
        ],
        "links": [],
        "laureate": "AALIA.tech",
    },
    {
        "slug": "wero",
        "owner": "wero@example.org",
        "society": "Croix-Rouge française",
        "organisation": "WERO",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["migrants", "young-people"],
        "themes": ["insertion", "migrations"],
        "sdgs": [8, 10],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 260,
        "title": t("WERO", "WERO", "WERO", "WERO"),
        "pitch": t(
            "L'accès à l'emploi des personnes réfugiées.",
            "Refugees' access to work.",
            "El acceso al empleo de las personas refugiadas.",
            "تمكين اللاجئين من الوصول إلى العمل.",
        ),
        "need": t(
            "Les personnes réfugiées ont souvent une expérience professionnelle solide, mais elle n'est pas reconnue, et les employeurs ne savent pas comment les recruter.",
            "Refugees often have solid work experience, but it is not recognised, and employers do not know how to recruit them.",
            "Las personas refugiadas suelen tener una experiencia profesional sólida, pero no se reconoce, y los empleadores no saben cómo contratarlas.",
        ),
        "solution": t(
            "Un parcours de douze semaines qui associe cours de français professionnel, immersion en entreprise et parrainage par un salarié, dans les métiers en tension.",
            "A twelve-week pathway combining work-oriented French classes, immersion in a company and sponsorship by an employee, in sectors short of staff.",
            "Un itinerario de doce semanas que combina clases de francés profesional, inmersión en empresa y apadrinamiento por un empleado, en sectores con falta de personal.",
        ),
        "value_proposition": t(
            "Le parcours est construit avec les employeurs, qui s'engagent à recruter avant le début de la formation.",
            "The pathway is built with the employers, who commit to hiring before the training starts.",
        ),
        "results": t(
            "72 % des participants en emploi six mois après le parcours ; 35 entreprises partenaires.",
            "72% of participants in work six months after the pathway; 35 partner companies.",
        ),
        "transfer_potential": t(
            "Reproduit à Lyon et à Lille ; adaptable partout où des employeurs manquent de personnel.",
            "Replicated in Lyon and Lille; adaptable wherever employers lack staff.",
        ),
        "resources": t(
            "Un chargé de relations entreprises, un formateur en français langue professionnelle.",
            "A business relations officer, a trainer in work-oriented French.",
        ),
        "partners_needed": t(
            "Des entreprises qui recrutent, le service public de l'emploi, des centres d'hébergement.",
            "Companies that hire, the public employment service, accommodation centres.",
        ),
        "figures": [
            figure(
                "des participants en emploi à six mois",
                "of participants in work after six months",
                "72",
                "%",
                "WERO, suivi des cohortes 2020-2022",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
        "laureate": "WERO",
    },
    {
        "slug": "rencontres-aux-pot-ages",
        "owner": "potages@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française, unité locale de Quimper",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["older-people", "isolated", "volunteers"],
        "themes": ["elderly", "volunteering"],
        "sdgs": [3, 11],
        "cost": CostRange.UNDER_10K,
        "months": 4,
        "days": 45,
        "title": t(
            "Rencontres aux Pot'âgés",
            "Rencontres aux Pot'âgés (meetings in the vegetable garden)",
            "Rencontres aux Pot'âgés (encuentros en el huerto)",
        ),
        "pitch": t(
            "Recréer du lien social entre personnes âgées et habitants autour de potagers partagés.",
            "Rebuilding social ties between older people and neighbours around shared vegetable gardens.",
            "Recrear lazos sociales entre personas mayores y vecinos en torno a huertos compartidos.",
        ),
        "need": t(
            "Dans les résidences autonomie et les établissements pour personnes âgées, beaucoup de résidents ne reçoivent presque plus de visites et perdent le goût de sortir.",
            "In sheltered housing and care homes, many older residents hardly receive visits any more and lose the wish to go out.",
            "En las residencias, muchas personas mayores apenas reciben visitas y pierden las ganas de salir.",
        ),
        "solution": t(
            "Des potagers en bacs installés au pied des établissements, cultivés ensemble par les résidents, des bénévoles et des écoliers du quartier, avec une récolte partagée chaque mois.",
            "Raised vegetable beds set up outside the homes, tended together by residents, volunteers and local schoolchildren, with a shared harvest every month.",
            "Huertos en bancales instalados junto a las residencias, cultivados juntos por los residentes, voluntarios y escolares del barrio, con una cosecha compartida cada mes.",
        ),
        "value_proposition": t(
            "Le jardin donne une raison de se retrouver : les résidents y transmettent un savoir au lieu d'être seulement aidés.",
            "The garden gives a reason to meet: residents pass on their know-how instead of only being helped.",
        ),
        "results": t(
            "Dans les trois sites pilotes, 60 résidents participent chaque semaine ; le sentiment de solitude mesuré par l'échelle UCLA baisse de 18 % en six mois.",
            "At the three pilot sites, 60 residents take part every week; loneliness measured on the UCLA scale falls by 18% in six months.",
        ),
        "transfer_potential": t(
            "Un kit (plans des bacs, calendrier des cultures, charte bénévole) permet à une unité locale de lancer un jardin en un mois.",
            "A kit (bed plans, planting calendar, volunteer charter) lets a local unit start a garden within a month.",
        ),
        "resources": t(
            "Environ 1 500 € de matériel par site, un bénévole référent, deux heures par semaine.",
            "About €1,500 of equipment per site, one volunteer lead, two hours a week.",
        ),
        "partners_needed": t(
            "Un établissement d'accueil, une école du quartier, un jardinier ou une association d'horticulture.",
            "A care home, a local school, a gardener or a horticultural association.",
        ),
        "figures": [
            figure(
                "résidents participants chaque semaine",
                "residents taking part every week",
                "60",
                "",
                "Bilan du pilote, unité locale de Quimper",
                date(2021, 6, 30),
            ),
            figure(
                "de baisse du sentiment de solitude (échelle UCLA)",
                "fall in loneliness (UCLA scale)",
                "18",
                "%",
                "Questionnaires avant et après, trois établissements",
                date(2021, 6, 30),
            ),
        ],
        "links": [("Kit de démarrage d'un potager partagé", "https://example.org/kit-potager.pdf")],
        "laureate": "Rencontres aux Pot'âgés",
    },
    {
        "slug": "arbitryum",
        "owner": "arbitryum@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Arbitryum",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["older-people", "professionals"],
        "themes": ["elderly", "health-social"],
        "sdgs": [3],
        "cost": CostRange.UNDER_50K,
        "months": 5,
        "days": 75,
        "title": t("Arbitryum", "Arbitryum", "Arbitryum"),
        "pitch": t(
            "Les données au service de la qualité de vie en EHPAD.",
            "Data to improve life in nursing homes.",
            "Datos para mejorar la vida en las residencias de personas mayores.",
        ),
        "need": t(
            "Les équipes des EHPAD manquent d'indicateurs simples pour repérer tôt la dénutrition, les chutes ou le repli des personnes âgées qu'elles accompagnent.",
            "Nursing home teams lack simple indicators to spot early undernutrition, falls or withdrawal among the older people they care for.",
            "Los equipos de las residencias carecen de indicadores sencillos para detectar a tiempo la desnutrición, las caídas o el aislamiento de las personas mayores que atienden.",
        ),
        "solution": t(
            "Un tableau de bord qui rassemble les données déjà saisies (repas, poids, transmissions) et alerte l'équipe soignante quand un résident décroche.",
            "A dashboard that brings together the data already recorded (meals, weight, handover notes) and alerts the care team when a resident declines.",
            "Un panel que reúne los datos ya registrados (comidas, peso, relevos) y avisa al equipo cuando un residente empeora.",
        ),
        "value_proposition": t(
            "Aucune saisie supplémentaire : l'outil lit les logiciels existants et propose des actions concrètes.",
            "No extra data entry: the tool reads the existing software and suggests concrete actions.",
        ),
        "results": t(
            "Dans 12 établissements, les chutes avec hospitalisation ont baissé de 22 % en un an.",
            "In 12 homes, falls leading to hospital stays fell by 22% in one year.",
        ),
        "transfer_potential": t(
            "Compatible avec les principaux logiciels de soins utilisés en France ; un connecteur par logiciel est nécessaire ailleurs.",
            "Compatible with the main care software used in France; elsewhere one connector per software is needed.",
        ),
        "resources": t(
            "Un abonnement par établissement, un référent qualité.",
            "A subscription per home, a quality lead.",
        ),
        "partners_needed": t("Les éditeurs de logiciels de soins.", "Care software publishers."),
        "figures": [
            figure(
                "de chutes avec hospitalisation en moins",
                "fewer falls leading to hospital stays",
                "22",
                "%",
                "Arbitryum, étude sur 12 établissements",
                date(2022, 10, 1),
            ),
        ],
        "links": [],
        "laureate": "Arbitryum",
    },
    {
        "slug": "helpmeup",
        "owner": "entrepreneur@example.org",
        "society": "Croix-Rouge française",
        "organisation": "HelpMeUp",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["precarity", "homeless"],
        "themes": ["exclusion", "insertion"],
        "sdgs": [1, 8, 11],
        "cost": CostRange.UNDER_200K,
        "months": 8,
        "days": 160,
        "title": t("HelpMeUp", "HelpMeUp"),
        "pitch": t(
            "Un logement solidaire pour les travailleurs en difficulté.",
            "Solidarity housing for workers in difficulty.",
        ),
        "need": t(
            "Des salariés à bas revenus dorment dans leur voiture ou en foyer faute de pouvoir présenter des garanties à un bailleur.",
            "Low-paid workers sleep in their car or in hostels because they cannot give a landlord the guarantees required.",
        ),
        "solution": t(
            "Une plateforme qui met en relation des propriétaires solidaires et des travailleurs accompagnés, avec une garantie de loyer et un suivi social pendant un an.",
            "A platform that matches landlords willing to help with supported workers, with a rent guarantee and social follow-up for one year.",
        ),
        "value_proposition": t(
            "L'employeur participe à la garantie : le logement devient un outil de fidélisation.",
            "The employer contributes to the guarantee: housing becomes a way to keep staff.",
        ),
        "results": t(
            "85 personnes logées dans les Hauts-de-France ; 90 % toujours en emploi un an plus tard.",
            "85 people housed in Hauts-de-France; 90% still in work a year later.",
        ),
        "transfer_potential": t(
            "Adaptable dans toute région où les employeurs peinent à recruter faute de logement.",
            "Adaptable in any region where employers struggle to hire for lack of housing.",
        ),
        "resources": t(
            "Un conseiller logement, un fonds de garantie.",
            "A housing adviser, a guarantee fund.",
        ),
        "partners_needed": t(
            "Des employeurs, des bailleurs privés, Action Logement.",
            "Employers, private landlords, the housing body of employers.",
        ),
        "figures": [
            figure(
                "personnes logées",
                "people housed",
                "85",
                "",
                "HelpMeUp, bilan 2022",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
        "laureate": "HelpMeUp",
    },
    {
        "slug": "esid-epicerie-sociale-mobile",
        "owner": "esid@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française, délégation du Nord",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["precarity", "children-families"],
        "themes": ["food-aid", "social-action"],
        "sdgs": [2, 12],
        "cost": CostRange.UNDER_200K,
        "months": 6,
        "days": 200,
        "title": t("ESID, l'épicerie sociale mobile", "ESID, the mobile social grocery"),
        "pitch": t(
            "Une épicerie sociale itinérante et sans papier pour les communes rurales.",
            "A travelling, paperless social grocery for rural villages.",
        ),
        "need": t(
            "Dans les villages, les familles en difficulté n'ont pas d'épicerie sociale à moins de 30 km et n'ont souvent pas de voiture.",
            "In villages, families in difficulty have no social grocery within 30 km and often no car.",
        ),
        "solution": t(
            "Un camion aménagé qui passe chaque semaine dans huit communes ; les droits et les achats sont gérés par une carte, sans justificatif papier à présenter à chaque passage.",
            "A fitted-out truck that visits eight villages every week; rights and purchases are managed with a card, with no paper proof to show at each visit.",
        ),
        "value_proposition": t(
            "Les personnes choisissent leurs produits comme dans un commerce, pour 10 à 30 % de leur prix.",
            "People choose their products as in a shop, for 10 to 30% of their price.",
        ),
        "results": t(
            "320 foyers servis par mois ; un tiers n'avaient jamais eu recours à l'aide alimentaire.",
            "320 households served a month; a third had never used food aid before.",
        ),
        "transfer_potential": t(
            "Le cahier des charges du camion et le logiciel sont partagés.",
            "The truck's specifications and the software are shared.",
        ),
        "resources": t(
            "Un camion frigorifique, un salarié, une équipe de bénévoles.",
            "A refrigerated truck, one employee, a team of volunteers.",
        ),
        "partners_needed": t(
            "Les communes, la banque alimentaire, le département.",
            "The villages, the food bank, the county council.",
        ),
        "figures": [
            figure(
                "foyers servis par mois",
                "households served a month",
                "320",
                "",
                "Bilan ESID, délégation du Nord",
                date(2021, 9, 30),
            ),
        ],
        "links": [],
        "laureate": "ESID",
    },
    {
        "slug": "mehandyou",
        "owner": "mehandyou@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française (intrapreneuriat, programme 21)",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["disabilities", "volunteers"],
        "themes": ["disability"],
        "sdgs": [3, 10],
        "cost": CostRange.UNDER_50K,
        "months": 4,
        "days": 240,
        "title": t("MeHandYou", "MeHandYou", "MeHandYou", "MeHandYou"),
        "pitch": t(
            "Une plateforme d'entraide pour les personnes en situation de handicap.",
            "A mutual-aid platform for people with disabilities.",
            "Una plataforma de ayuda mutua para personas con discapacidad.",
            "منصة للمساعدة المتبادلة للأشخاص ذوي الإعاقة.",
        ),
        "need": t(
            "Les personnes en situation de handicap peinent à trouver de l'aide ponctuelle (courses, accompagnement à un rendez-vous) sans passer par un service payant.",
            "People with disabilities struggle to find occasional help (shopping, going to an appointment) without paying for a service.",
            "Las personas con discapacidad tienen dificultades para encontrar ayuda puntual (compras, acompañamiento a una cita) sin pagar un servicio.",
        ),
        "solution": t(
            "Une plateforme accessible qui met en relation des personnes en situation de handicap et des bénévoles formés près de chez elles.",
            "An accessible platform that matches people with disabilities with trained volunteers living nearby.",
            "Una plataforma accesible que pone en contacto a personas con discapacidad con voluntarios formados cerca de su casa.",
        ),
        "value_proposition": t(
            "Conçue avec des personnes aveugles, sourdes et à mobilité réduite, elle est utilisable au lecteur d'écran et en langue des signes.",
            "Designed with blind, deaf and mobility-impaired people, it works with screen readers and in sign language.",
        ),
        "results": t(
            "2 400 demandes d'aide satisfaites en 2022, 95 % dans les 48 heures.",
            "2,400 requests for help met in 2022, 95% within 48 hours.",
        ),
        "transfer_potential": t(
            "La plateforme est multilingue ; il faut un réseau de bénévoles local.",
            "The platform is multilingual; it needs a local network of volunteers.",
        ),
        "resources": t(
            "Un coordinateur bénévole par ville.", "One volunteer coordinator per town."
        ),
        "partners_needed": t(
            "Des associations de personnes handicapées.",
            "Organisations of people with disabilities.",
        ),
        "figures": [
            figure(
                "demandes d'aide satisfaites",
                "requests for help met",
                "2400",
                "",
                "Statistiques de la plateforme",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
        "laureate": "MeHandYou",
    },
    {
        "slug": "backpack",
        "owner": "backpack@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française, institut de formation de Bordeaux",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PROTOTYPE,
        "publics": ["professionals", "volunteers"],
        "themes": ["health", "human-resources"],
        "sdgs": [3, 8],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 340,
        "title": t("BackPack", "BackPack"),
        "pitch": t(
            "Une application mobile contre la lombalgie chronique des soignants et des bénévoles.",
            "A mobile app against chronic low-back pain of carers and volunteers.",
        ),
        "need": t(
            "Le mal de dos est la première cause d'arrêt de travail chez les aides-soignants et les secouristes.",
            "Back pain is the first cause of sick leave among care assistants and first-aiders.",
        ),
        "solution": t(
            "Des programmes d'exercices de dix minutes, construits par des kinésithérapeutes, avec un suivi de la douleur.",
            "Ten-minute exercise programmes built by physiotherapists, with pain tracking.",
        ),
        "value_proposition": t(
            "Des exercices adaptés aux gestes du métier, faisables en tenue de travail.",
            "Exercises suited to the job's movements, doable in work clothes.",
        ),
        "results": t(
            "Prototype testé par 150 soignants : douleur moyenne en baisse de 2 points sur 10 après huit semaines.",
            "Prototype tested by 150 carers: average pain down 2 points out of 10 after eight weeks.",
        ),
        "transfer_potential": t(
            "Le contenu est réutilisable dans tout établissement de santé.",
            "The content can be reused in any health establishment.",
        ),
        "resources": t("Un kinésithérapeute référent.", "A lead physiotherapist."),
        "partners_needed": t("Les services de santé au travail.", "Occupational health services."),
        "figures": [],
        "links": [],
        "laureate": "BackPack",
    },
    {
        "slug": "t-zic",
        "owner": "tzic@example.org",
        "society": "Croix-Rouge française",
        "organisation": "T.zic",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["disaster-affected"],
        "themes": ["international", "health"],
        "sdgs": [6],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 220,
        "title": t("T.zic", "T.zic", "T.zic"),
        "pitch": t(
            "Le traitement de l'eau par LED ultraviolettes.",
            "Water treatment by UV LED.",
            "Tratamiento del agua mediante LED ultravioleta.",
        ),
        "need": t(
            "Après une catastrophe, l'accès à l'eau potable est la première urgence sanitaire ; le chlore est mal accepté et les filtres s'encrassent.",
            "After a disaster, access to drinking water is the first health emergency; chlorine is poorly accepted and filters clog.",
            "Tras una catástrofe, el acceso al agua potable es la primera urgencia sanitaria; el cloro se acepta mal y los filtros se obstruyen.",
        ),
        "solution": t(
            "Une unité portable de désinfection par LED UV, alimentée par panneau solaire, qui traite 1 000 litres par heure sans produit chimique.",
            "A portable UV LED disinfection unit, powered by a solar panel, that treats 1,000 litres an hour without chemicals.",
            "Una unidad portátil de desinfección por LED UV, alimentada por panel solar, que trata 1.000 litros por hora sin productos químicos.",
        ),
        "value_proposition": t(
            "Pas de consommable, pas de goût, une maintenance faite par les habitants formés.",
            "No consumables, no taste, maintenance done by trained residents.",
        ),
        "results": t(
            "Testée lors de deux opérations internationales : 4 000 personnes approvisionnées pendant six semaines.",
            "Tested on two international operations: 4,000 people supplied for six weeks.",
        ),
        "transfer_potential": t(
            "Utilisable par toute équipe d'intervention en eau et assainissement.",
            "Usable by any water and sanitation response team.",
        ),
        "resources": t("Une unité pour 2 000 personnes.", "One unit per 2,000 people."),
        "partners_needed": t(
            "Les équipes d'intervention d'urgence en eau et assainissement.",
            "Emergency water and sanitation response units.",
        ),
        "figures": [
            figure(
                "personnes approvisionnées en eau potable",
                "people supplied with drinking water",
                "4000",
                "",
                "Rapport de mission, opérations internationales",
                date(2022, 4, 30),
            ),
        ],
        "links": [],
        "laureate": "T.zic",
    },
    {
        "slug": "croix-rouge-mobilites",
        "owner": "mobilites@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge Mobilités",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["older-people", "isolated", "precarity"],
        "themes": ["social-action"],
        "sdgs": [10, 11],
        "cost": CostRange.UNDER_200K,
        "months": 9,
        "days": 180,
        "title": t("Croix-Rouge Mobilités", "Red Cross Mobility"),
        "pitch": t(
            "La mobilité partagée pour les personnes accompagnées et les équipes.",
            "Shared mobility for the people supported and the teams.",
        ),
        "need": t(
            "En zone rurale, des personnes âgées et des personnes sans voiture renoncent à des soins ou à un emploi faute de transport.",
            "In rural areas, older people and people without a car give up care or a job for lack of transport.",
        ),
        "solution": t(
            "Les véhicules des établissements et des unités locales sont partagés et réservables en ligne ; des chauffeurs bénévoles conduisent les personnes à leurs rendez-vous.",
            "The vehicles of establishments and local units are shared and booked online; volunteer drivers take people to their appointments.",
        ),
        "value_proposition": t(
            "Des véhicules jusque-là immobilisés 80 % du temps servent enfin à ceux qui en ont besoin.",
            "Vehicles that used to stand idle 80% of the time finally serve those who need them.",
        ),
        "results": t(
            "11 000 trajets solidaires en 2022 dans cinq départements.",
            "11,000 solidarity journeys in 2022 in five departments.",
        ),
        "transfer_potential": t(
            "Toute organisation disposant d'une flotte peut rejoindre le service.",
            "Any organisation with a fleet can join the service.",
        ),
        "resources": t(
            "Des boîtiers connectés dans les véhicules, des chauffeurs bénévoles.",
            "Connected boxes in the vehicles, volunteer drivers.",
        ),
        "partners_needed": t(
            "Les collectivités et les assureurs.", "Local authorities and insurers."
        ),
        "figures": [
            figure(
                "trajets solidaires",
                "solidarity journeys",
                "11000",
                "",
                "Croix-Rouge Mobilités, rapport annuel",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
        "laureate": "Croix-Rouge Mobilités",
    },
    {
        "slug": "enouma",
        "owner": "enouma@example.org",
        "society": "Croix-Rouge française",
        "organisation": "ENOUMA",
        "country": "FR",
        "language": "fr",
        "stage": Stage.DEPLOYED,
        "publics": ["young-people", "precarity", "professionals"],
        "themes": ["insertion", "health-social"],
        "sdgs": [4, 8],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 95,
        "title": t("ENOUMA", "ENOUMA"),
        "pitch": t(
            "Amener les personnes éloignées de l'emploi vers les métiers du soin.",
            "Bringing people far from employment into care jobs.",
        ),
        "need": t(
            "Les établissements sanitaires et médico-sociaux manquent d'aides-soignants, tandis que des personnes éloignées de l'emploi ignorent ces métiers.",
            "Health and care establishments lack care assistants, while people far from employment do not know these jobs.",
        ),
        "solution": t(
            "Des immersions de deux semaines en établissement, puis une formation qualifiante en alternance financée par l'employeur.",
            "Two-week immersions in an establishment, then a qualifying work-study training paid by the employer.",
        ),
        "value_proposition": t(
            "Le recrutement se fait sur la motivation et le savoir-être, pas sur le CV.",
            "Recruitment is based on motivation and attitude, not on the CV.",
        ),
        "results": t(
            "210 personnes formées, 78 % en contrat durable à un an.",
            "210 people trained, 78% on a lasting contract after one year.",
        ),
        "transfer_potential": t(
            "Reproductible avec tout groupement d'employeurs du secteur.",
            "Can be reproduced with any group of employers of the sector.",
        ),
        "resources": t("Un chargé de recrutement.", "A recruitment officer."),
        "partners_needed": t(
            "Les instituts de formation, le service public de l'emploi.",
            "Training institutes, the public employment service.",
        ),
        "figures": [
            figure(
                "des personnes formées en contrat durable à un an",
                "of the people trained on a lasting contract after a year",
                "78",
                "%",
                "ENOUMA, suivi des promotions",
                date(2023, 2, 28),
            ),
        ],
        "links": [],
        "laureate": "ENOUMA",
    },
    {
        "slug": "change-of-view",
        "owner": "changeofview@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française, centre d'hébergement de Lyon",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["homeless", "precarity"],
        "themes": ["exclusion", "social-action"],
        "sdgs": [10],
        "cost": CostRange.UNDER_10K,
        "months": 3,
        "days": 280,
        "title": t("Change of View", "Change of View"),
        "pitch": t(
            "Des portraits photographiques réalisés par et pour les personnes accompagnées.",
            "Photographic portraits made by and for the people supported.",
        ),
        "need": t(
            "Les personnes hébergées se sentent réduites à leur situation et ont rarement la parole sur leur propre image.",
            "People in shelters feel reduced to their situation and rarely have a say on their own image.",
        ),
        "solution": t(
            "Des ateliers photo où les personnes accompagnées choisissent comment elles veulent être montrées, puis une exposition dans la ville, avec leur accord écrit.",
            "Photo workshops where the people supported choose how they want to be shown, then an exhibition in the town, with their written consent.",
        ),
        "value_proposition": t(
            "Les participants sont auteurs, pas sujets : ils décident de chaque image publiée.",
            "Participants are authors, not subjects: they decide on every picture published.",
        ),
        "results": t(
            "45 participants, trois expositions, 6 000 visiteurs ; huit participants ont repris une formation.",
            "45 participants, three exhibitions, 6,000 visitors; eight participants went back to training.",
        ),
        "transfer_potential": t(
            "Un guide d'animation et un modèle de recueil du consentement sont disponibles.",
            "A facilitation guide and a consent form template are available.",
        ),
        "resources": t(
            "Deux appareils photo, un photographe bénévole.",
            "Two cameras, a volunteer photographer.",
        ),
        "partners_needed": t("Un lieu d'exposition.", "An exhibition venue."),
        "figures": [
            figure(
                "visiteurs des expositions",
                "visitors to the exhibitions",
                "6000",
                "",
                "Bilan du projet, centre d'hébergement de Lyon",
                date(2021, 12, 31),
            ),
        ],
        "links": [],
        "laureate": "Change of View",
    },
    {
        "slug": "gulao",
        "owner": "gulao@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française (intrapreneuriat, programme 21)",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PROTOTYPE,
        "publics": ["volunteers"],
        "themes": ["volunteering", "emergency"],
        "sdgs": [12, 17],
        "cost": CostRange.UNDER_10K,
        "months": 2,
        "days": 320,
        "title": t("Gulao", "Gulao", "Gulao"),
        "pitch": t(
            "Suivre le matériel et les moyens des bénévoles, unité par unité.",
            "Tracking volunteers' tools and means, unit by unit.",
            "Seguir el material y los medios del voluntariado, unidad por unidad.",
        ),
        "need": t(
            "Les unités locales perdent du temps à chercher un défibrillateur, une tente ou un véhicule, et découvrent trop tard le matériel périmé.",
            "Local units waste time looking for a defibrillator, a tent or a vehicle, and find out too late that equipment has expired.",
        ),
        "solution": t(
            "Une étiquette à code QR sur chaque matériel et une application qui indique où il se trouve, qui l'utilise et quand le vérifier.",
            "A QR code label on every item and an app that shows where it is, who uses it and when to check it.",
        ),
        "value_proposition": t(
            "Simple à installer par les bénévoles eux-mêmes, sans matériel coûteux.",
            "Easy for volunteers to set up themselves, without costly hardware.",
        ),
        "results": t(
            "Prototype dans quatre unités locales : inventaire complet en une soirée au lieu d'un week-end.",
            "Prototype in four local units: a full inventory in one evening instead of a weekend.",
        ),
        "transfer_potential": t("Utilisable par toute association.", "Usable by any association."),
        "resources": t("Des étiquettes, un téléphone.", "Labels, a phone."),
        "partners_needed": t("Aucun.", "None."),
        "figures": [],
        "links": [],
        "laureate": "Gulao",
    },
    {
        "slug": "oqapi",
        "owner": "oqapi@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Arkhn et Jalgos (programme Impact Data)",
        "country": "FR",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["professionals", "hospitalised"],
        "themes": ["health", "health-social"],
        "sdgs": [3],
        "cost": CostRange.UNDER_200K,
        "months": 8,
        "days": 150,
        "title": t("OQAPI, par Arkhn et Jalgos", "OQAPI, by Arkhn and Jalgos"),
        "pitch": t(
            "Planifier les tâches quotidiennes des professionnels de santé à partir des données du parcours patient.",
            "Planning the daily tasks of health professionals from patient journey data.",
        ),
        "need": t(
            "Dans les services hospitaliers, l'organisation des tâches repose sur des tableaux papier et les imprévus désorganisent la journée des équipes.",
            "In hospital wards, tasks are organised on paper boards and unexpected events disrupt the teams' day.",
        ),
        "solution": t(
            "Un outil qui lit les données du dossier patient, prévoit la charge de soins et propose un planning des tâches ajusté en cours de journée.",
            "A tool that reads the patient record data, forecasts the care workload and proposes a task plan adjusted during the day.",
        ),
        "value_proposition": t(
            "Les données de santé servent directement les soignants, dans le respect du cadre de l'hébergement de données de santé.",
            "Health data directly serves the carers, within the rules for hosting health data.",
        ),
        "results": t(
            "Pilote dans deux services de soins de suite : 40 minutes gagnées par infirmière et par jour.",
            "Pilot in two rehabilitation wards: 40 minutes saved per nurse per day.",
        ),
        "transfer_potential": t(
            "Nécessite un entrepôt de données de santé interopérable (standard FHIR).",
            "Needs an interoperable health data warehouse (FHIR standard).",
        ),
        "resources": t("Un référent informatique, un cadre de santé.", "An IT lead, a head nurse."),
        "partners_needed": t(
            "La Fondation Roche, l'éditeur du dossier patient.",
            "The Roche Foundation, the patient record publisher.",
        ),
        "figures": [
            figure(
                "minutes gagnées par infirmière et par jour",
                "minutes saved per nurse per day",
                "40",
                "min",
                "Évaluation du pilote Impact Data",
                date(2021, 2, 28),
            ),
        ],
        "links": [],
        "laureate": "Arkhn",
    },
    # ---- Innovations of other national societies, in their own language ----
    {
        "slug": "te-acompanamos",
        "owner": "cruzroja@example.org",
        "society": "Cruz Roja Española",
        "organisation": "Cruz Roja Española",
        "country": "ES",
        "language": "es",
        "stage": Stage.SCALED,
        "publics": ["older-people", "isolated", "volunteers"],
        "themes": ["elderly", "volunteering"],
        "sdgs": [3, 10],
        "cost": CostRange.UNDER_200K,
        "months": 6,
        "days": 30,
        "title": t(
            "Te Acompañamos : appels et visites aux personnes âgées qui vivent seules",
            "We Keep You Company: calls and visits to older people living alone",
            "Te Acompañamos: llamadas y visitas a personas mayores que viven solas",
        ),
        "pitch": t(
            "Des bénévoles appellent chaque semaine les personnes âgées isolées et organisent des visites.",
            "Volunteers call isolated older people every week and arrange visits.",
            "Personas voluntarias llaman cada semana a las personas mayores en soledad y organizan visitas.",
        ),
        "need": t(
            "En Espagne, deux millions de personnes de plus de 65 ans vivent seules ; beaucoup passent des journées entières sans parler à personne.",
            "In Spain, two million people over 65 live alone; many spend whole days without talking to anyone.",
            "En España, dos millones de personas de más de 65 años viven solas; muchas pasan días enteros sin hablar con nadie.",
        ),
        "solution": t(
            "Une plateforme d'appels qui programme des conversations hebdomadaires entre bénévoles formés et personnes âgées, repère les signaux d'alerte (chute, tristesse, manque de nourriture) et déclenche une visite ou l'intervention des services sociaux.",
            "A call platform that schedules weekly conversations between trained volunteers and older people, spots warning signs (falls, sadness, lack of food) and triggers a visit or the social services.",
            "Una plataforma de llamadas que programa conversaciones semanales entre voluntariado formado y personas mayores, detecta señales de alerta (caídas, tristeza, falta de comida) y activa una visita o la intervención de los servicios sociales.",
        ),
        "value_proposition": t(
            "L'appel n'est pas une simple prise de nouvelles : un questionnaire court et validé mesure la solitude et oriente l'accompagnement.",
            "The call is more than a chat: a short, validated questionnaire measures loneliness and guides the support.",
            "La llamada no es solo una conversación: un cuestionario breve y validado mide la soledad y orienta el acompañamiento.",
        ),
        "results": t(
            "",
            "",
            "Más de 48.000 personas mayores acompañadas en 2022; el 61 % dice sentirse menos sola tras seis meses.",
        ),
        "transfer_potential": t(
            "",
            "The method and the questionnaire are documented; the platform can be used by another national society.",
            "El método y el cuestionario están documentados; la plataforma puede usarla otra sociedad nacional.",
        ),
        "resources": t(
            "",
            "",
            "Un equipo de coordinación por provincia y voluntariado formado en escucha activa.",
        ),
        "partners_needed": t(
            "",
            "",
            "Los servicios sociales municipales y los centros de salud.",
        ),
        "figures": [
            figure(
                "personnes âgées accompagnées",
                "older people supported",
                "48000",
                "",
                "Cruz Roja Española, Informe anual 2022",
                date(2022, 12, 31),
            ),
            figure(
                "se sentent moins seules après six mois",
                "feel less lonely after six months",
                "61",
                "%",
                "Encuesta de seguimiento, Cruz Roja Española",
                date(2022, 12, 31),
            ),
        ],
        "links": [("Guía del programa (PDF)", "https://example.org/te-acompanamos.pdf")],
        # The French title and pitch were added by the catalogue's moderator.
        "moderator_translations": {"fr": ["title", "pitch"]},
    },
    {
        "slug": "itinerarios-empleo-personas-refugiadas",
        "owner": "empleo.cruzroja@example.org",
        "society": "Cruz Roja Española",
        "organisation": "Cruz Roja Española, Plan de Empleo",
        "country": "ES",
        "language": "es",
        "stage": Stage.SCALED,
        "publics": ["migrants", "young-people"],
        "themes": ["insertion", "migrations"],
        "sdgs": [8, 10],
        "cost": CostRange.OVER_200K,
        "months": 12,
        "days": 60,
        "title": t(
            "",
            "Employment pathways for refugees",
            "Itinerarios de empleo para personas refugiadas",
        ),
        "pitch": t(
            "",
            "Personal job pathways for refugees and asylum seekers, built with employers.",
            "Itinerarios personalizados de inserción laboral para personas refugiadas y solicitantes de asilo, construidos con las empresas.",
        ),
        "need": t(
            "",
            "Refugees arriving in Spain face language barriers, unrecognised qualifications and discrimination when looking for work.",
            "Las personas refugiadas que llegan a España se enfrentan a barreras de idioma, titulaciones no reconocidas y discriminación al buscar empleo.",
        ),
        "solution": t(
            "",
            "Each person has a job coach, a skills assessment, Spanish and vocational training, and work placements with partner companies.",
            "Cada persona cuenta con un técnico de empleo, un balance de competencias, formación en español y en un oficio, y prácticas en empresas colaboradoras.",
        ),
        "value_proposition": t(
            "",
            "The pathway starts with what the person already knows how to do, not with what they lack.",
            "El itinerario parte de lo que la persona ya sabe hacer, no de lo que le falta.",
        ),
        "results": t(
            "",
            "",
            "En 2022, 5.300 personas participaron y 2.100 encontraron un empleo.",
        ),
        "transfer_potential": t(
            "",
            "The method is used in 50 Spanish provinces and documented in a handbook.",
            "El método se aplica en 50 provincias y está documentado en un manual.",
        ),
        "resources": t("", "", "Técnicos de empleo, aulas de formación, una red de empresas."),
        "partners_needed": t("", "", "Empresas, servicios públicos de empleo, fondos europeos."),
        "figures": [
            figure(
                "personnes ayant trouvé un emploi",
                "people who found a job",
                "2100",
                "",
                "Cruz Roja Española, Plan de Empleo, memoria 2022",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
    },
    {
        "slug": "friendly-calls",
        "owner": "croixrouge.ca@example.org",
        "society": "Croix-Rouge canadienne",
        "organisation": "Canadian Red Cross",
        "country": "CA",
        "language": "en",
        "stage": Stage.SCALED,
        "publics": ["older-people", "isolated"],
        "themes": ["elderly", "volunteering"],
        "sdgs": [3],
        "cost": CostRange.UNDER_50K,
        "months": 3,
        "days": 15,
        "title": t(
            "Appels amicaux pour les aînés",
            "Friendly Calls for older adults",
        ),
        "pitch": t(
            "Des bénévoles appellent régulièrement les personnes âgées isolées pour rompre la solitude.",
            "Volunteers regularly phone isolated older adults to break loneliness.",
        ),
        "need": t(
            "Pendant la pandémie, de nombreuses personnes âgées se sont retrouvées sans aucun contact social pendant des semaines.",
            "During the pandemic, many older adults found themselves without any social contact for weeks.",
        ),
        "solution": t(
            "Un bénévole formé appelle la même personne une ou deux fois par semaine, en français ou en anglais, et l'oriente vers les services locaux si besoin.",
            "A trained volunteer calls the same person once or twice a week, in English or French, and refers them to local services when needed.",
        ),
        "value_proposition": t(
            "Un lien régulier avec une même personne, sans technologie à maîtriser : un simple téléphone suffit.",
            "A regular bond with the same person, with no technology to master: a plain phone is enough.",
        ),
        "results": t(
            "",
            "More than 40,000 calls made in the first year; 9 in 10 participants say they feel less isolated.",
        ),
        "transfer_potential": t(
            "",
            "Easy to start anywhere with a small team of volunteers and a referral partner.",
        ),
        "resources": t("", "A volunteer coordinator, call guidelines, a referral list."),
        "partners_needed": t("", "Home care services, seniors' associations."),
        "figures": [
            figure(
                "appels passés la première année",
                "calls made in the first year",
                "40000",
                "",
                "Canadian Red Cross, program report",
                date(2021, 6, 30),
            ),
        ],
        "links": [],
    },
    {
        "slug": "heatwave-watch",
        "owner": "cri@example.org",
        "society": "Croce Rossa Italiana",
        "organisation": "Croce Rossa Italiana",
        "country": "IT",
        "language": "en",
        "stage": Stage.DEPLOYED,
        "publics": ["older-people", "isolated"],
        "themes": ["elderly", "emergency"],
        "sdgs": [3, 11, 13],
        "cost": CostRange.UNDER_50K,
        "months": 4,
        "days": 8,
        "title": t(
            "",
            "Heatwave watch for older people",
            "Vigilancia de olas de calor para personas mayores",
        ),
        "pitch": t(
            "",
            "During heatwaves, volunteers check every day on older people who live alone.",
            "Durante las olas de calor, el voluntariado contacta cada día con las personas mayores que viven solas.",
        ),
        "need": t(
            "",
            "Heatwaves kill thousands of older people in Italian cities every summer, most of them alone at home.",
            "Las olas de calor causan cada verano miles de muertes de personas mayores en las ciudades italianas, la mayoría solas en casa.",
        ),
        "solution": t(
            "",
            "When the heat alert is raised, volunteers phone registered people daily, deliver water and fans, and take them to cool rooms in Red Cross premises.",
            "Cuando se activa la alerta por calor, el voluntariado llama a diario a las personas inscritas, reparte agua y ventiladores y las acompaña a salas frescas de Cruz Roja.",
        ),
        "value_proposition": t(
            "",
            "Registration happens in spring, with GPs and pharmacies, so that no one is forgotten when the alert comes.",
        ),
        "results": t(
            "",
            "In 2022, 15,000 people were followed in 30 cities; hospital admissions for dehydration among them halved.",
        ),
        "transfer_potential": t(
            "",
            "Any society with a heat alert system and volunteers can run it; the protocol is short.",
        ),
        "resources": t("", "Volunteers, a call list, water and fans, a cool room."),
        "partners_needed": t("", "Municipalities, GPs, pharmacies, the weather service."),
        "figures": [
            figure(
                "personnes suivies pendant l'été",
                "people followed over the summer",
                "15000",
                "",
                "Croce Rossa Italiana, summer operation report",
                date(2022, 9, 30),
            ),
        ],
        "links": [],
    },
    {
        "slug": "mobile-clinics-bekaa",
        "owner": "redcross.lb@example.org",
        "society": "Croix-Rouge libanaise",
        "organisation": "Lebanese Red Cross",
        "country": "LB",
        "language": "ar",
        "stage": Stage.DEPLOYED,
        "publics": ["migrants", "children-families", "precarity"],
        "themes": ["health", "international"],
        "sdgs": [3, 10],
        "cost": CostRange.OVER_200K,
        "months": 6,
        "days": 50,
        "title": t(
            "",
            "Mobile clinics for refugees and host communities in the Bekaa",
            "",
            "عيادات متنقلة للاجئين والمجتمعات المضيفة في البقاع",
        ),
        "pitch": t(
            "",
            "Mobile medical teams bring primary care to refugee settlements and poor villages.",
            "",
            "فرق طبية متنقلة توفر الرعاية الصحية الأولية في تجمعات اللاجئين والقرى الفقيرة.",
        ),
        "need": t(
            "",
            "Refugee families in informal settlements live far from health centres and cannot pay for transport or consultations.",
            "",
            "تعيش عائلات اللاجئين في تجمعات غير رسمية بعيدة عن المراكز الصحية ولا تستطيع تحمل تكاليف النقل أو المعاينة.",
        ),
        "solution": t(
            "",
            "Equipped vehicles with a doctor, a nurse and volunteers visit each settlement every week: consultations, vaccination, follow-up of pregnancies and chronic diseases.",
            "",
            "مركبات مجهزة تضم طبيبًا وممرضًا ومتطوعين تزور كل تجمع أسبوعيًا: معاينات وتلقيح ومتابعة الحمل والأمراض المزمنة.",
        ),
        "value_proposition": t(
            "",
            "The same team returns every week, so patients are followed over time, and host villages are served too.",
            "",
            "يعود الفريق نفسه كل أسبوع فتتم متابعة المرضى على المدى الطويل، وتستفيد القرى المضيفة أيضًا.",
        ),
        "results": t(
            "",
            "",
            "",
            "أكثر من 60,000 معاينة في عام 2022 وتغطية تلقيح الأطفال بنسبة 92 ٪ في التجمعات المخدومة.",
        ),
        "transfer_potential": t(
            "",
            "Adaptable to any context with scattered settlements; the vehicle layout and protocols are shared.",
            "",
            "يمكن تكييفه مع كل سياق تتوزع فيه التجمعات السكانية؛ تصميم المركبات والبروتوكولات متاحة للجميع.",
        ),
        "resources": t(
            "",
            "Two vehicles, a medical team per vehicle, medicines and vaccines.",
            "",
            "مركبتان وفريق طبي لكل مركبة وأدوية ولقاحات.",
        ),
        "partners_needed": t(
            "",
            "The ministry of public health, UN agencies, local municipalities.",
            "",
            "وزارة الصحة العامة ووكالات الأمم المتحدة والبلديات المحلية.",
        ),
        "figures": [
            figure(
                "consultations en 2022",
                "consultations in 2022",
                "60000",
                "",
                "Lebanese Red Cross, annual report 2022",
                date(2022, 12, 31),
            ),
            figure(
                "de couverture vaccinale des enfants",
                "vaccination coverage of children",
                "92",
                "%",
                "Lebanese Red Cross, health programme data",
                date(2022, 12, 31),
            ),
        ],
        "links": [],
    },
    {
        "slug": "ateliers-numeriques-centres-accueil",
        "owner": "croixrouge.be@example.org",
        "society": "Croix-Rouge de Belgique",
        "organisation": "Croix-Rouge de Belgique, département Accueil des demandeurs d'asile",
        "country": "BE",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["migrants", "young-people"],
        "themes": ["migrations", "training"],
        "sdgs": [4, 10],
        "cost": CostRange.UNDER_10K,
        "months": 3,
        "days": 100,
        "title": t(
            "Ateliers numériques dans les centres d'accueil",
            "Digital workshops in reception centres",
        ),
        "pitch": t(
            "Former les demandeurs de protection internationale aux démarches en ligne dès leur arrivée.",
            "Training asylum seekers and refugees in online procedures from the day they arrive.",
        ),
        "need": t(
            "Les démarches d'asile, de logement et d'emploi se font en ligne ; les résidents des centres d'accueil n'ont souvent qu'un téléphone et ne connaissent pas les services belges.",
            "Asylum, housing and job procedures happen online; residents of reception centres often only have a phone and do not know Belgian services.",
        ),
        "solution": t(
            "Des ateliers hebdomadaires animés par des résidents formés, en arabe, dari, tigrigna et français : courriel, prise de rendez-vous, sécurité en ligne.",
            "Weekly workshops led by trained residents, in Arabic, Dari, Tigrinya and French: e-mail, booking appointments, staying safe online.",
        ),
        "value_proposition": t(
            "Les animateurs sont eux-mêmes résidents : ils parlent la langue et connaissent les difficultés.",
            "The facilitators are residents themselves: they speak the language and know the difficulties.",
        ),
        "results": t(
            "900 participants dans six centres ; 70 % réalisent seuls leurs démarches après quatre ateliers.",
            "900 participants in six centres; 70% handle their procedures alone after four workshops.",
        ),
        "transfer_potential": t(
            "Le programme des ateliers est disponible en quatre langues.",
            "The workshop programme is available in four languages.",
        ),
        "resources": t(
            "Une salle, des ordinateurs reconditionnés, un coordinateur.",
            "A room, refurbished computers, a coordinator.",
        ),
        "partners_needed": t(
            "Des associations d'inclusion numérique.", "Digital inclusion associations."
        ),
        "figures": [
            figure(
                "participants",
                "participants",
                "900",
                "",
                "Croix-Rouge de Belgique, bilan du pilote",
                date(2022, 11, 30),
            ),
        ],
        "links": [],
    },
    {
        "slug": "alerte-inondations-sms",
        "owner": "croixrouge.sn@example.org",
        "society": "Croix-Rouge sénégalaise",
        "organisation": "Croix-Rouge sénégalaise",
        "country": "SN",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["disaster-affected", "children-families"],
        "themes": ["emergency"],
        "sdgs": [11, 13],
        "cost": CostRange.UNDER_50K,
        "months": 6,
        "days": 140,
        "title": t(
            "Alerte précoce aux inondations par SMS et radio communautaire",
            "Early flood warning by text message and community radio",
            "Alerta temprana de inundaciones por SMS y radio comunitaria",
        ),
        "pitch": t(
            "Prévenir les quartiers inondables 48 heures avant la crue, en wolof et en français.",
            "Warning flood-prone neighbourhoods 48 hours before the flood, in Wolof and French.",
            "Avisar a los barrios inundables 48 horas antes de la crecida, en wolof y en francés.",
        ),
        "need": t(
            "Dans la banlieue de Dakar, les inondations de la saison des pluies surprennent les familles, qui perdent leurs biens et leurs papiers.",
            "In the suburbs of Dakar, rainy-season floods take families by surprise; they lose their belongings and papers.",
        ),
        "solution": t(
            "Les prévisions météorologiques déclenchent des SMS vocaux en wolof et des messages sur les radios communautaires ; des volontaires formés aident à mettre les biens à l'abri.",
            "Weather forecasts trigger voice text messages in Wolof and community radio messages; trained volunteers help put belongings in safety.",
        ),
        "value_proposition": t(
            "Des messages vocaux compris par les personnes qui ne lisent pas.",
            "Voice messages understood by people who cannot read.",
        ),
        "results": t(
            "12 000 foyers inscrits ; pertes matérielles déclarées divisées par deux en 2022.",
            "12,000 households registered; reported material losses halved in 2022.",
        ),
        "transfer_potential": t(
            "Reproductible partout où existent des prévisions et un réseau de volontaires.",
            "Can be reproduced wherever forecasts and a volunteer network exist.",
        ),
        "resources": t(
            "Un abonnement SMS, des volontaires de quartier.",
            "A text messaging subscription, neighbourhood volunteers.",
        ),
        "partners_needed": t(
            "L'agence météorologique, les opérateurs de téléphonie, les radios communautaires.",
            "The weather agency, mobile operators, community radios.",
        ),
        "figures": [
            figure(
                "foyers inscrits aux alertes",
                "households registered for warnings",
                "12000",
                "",
                "Croix-Rouge sénégalaise, bilan de la saison des pluies",
                date(2022, 10, 31),
            ),
        ],
        "links": [],
    },
    # ---- Records in moderation ----
    {
        "slug": "proches-aidants-en-ligne",
        "owner": "croixrouge.ch@example.org",
        "society": "Croix-Rouge suisse",
        "organisation": "Croix-Rouge suisse, canton de Vaud",
        "country": "CH",
        "language": "fr",
        "stage": Stage.PILOT,
        "publics": ["older-people", "children-families"],
        "themes": ["elderly", "training"],
        "sdgs": [3],
        "cost": CostRange.UNDER_50K,
        "months": 4,
        "state": S.SUBMITTED,
        "days": 3,
        "title": t("Formation en ligne des proches aidants", "Online training for family carers"),
        "pitch": t(
            "Des modules courts pour les proches qui s'occupent d'une personne âgée à domicile.",
            "Short modules for relatives who care for an older person at home.",
        ),
        "need": t(
            "Les proches aidants s'épuisent et n'ont pas le temps de suivre une formation en présentiel.",
            "Family carers burn out and have no time for classroom training.",
        ),
        "solution": t(
            "Douze modules vidéo de dix minutes (transferts, alimentation, répit) et un forum animé par des infirmières.",
            "Twelve ten-minute video modules (transfers, feeding, respite) and a forum run by nurses.",
        ),
        "value_proposition": t(
            "Les modules se suivent sur téléphone, à l'heure qui convient.",
            "The modules work on a phone, at any time.",
        ),
        "results": t(
            "Pilote auprès de 300 proches aidants du canton de Vaud.",
            "Pilot with 300 family carers in the canton of Vaud.",
        ),
        "transfer_potential": t("Les vidéos sont sous-titrées.", "The videos are subtitled."),
        "resources": t("Une plateforme de formation.", "A training platform."),
        "partners_needed": t("Les services d'aide à domicile.", "Home care services."),
        "figures": [],
        "links": [],
    },
    {
        "slug": "secourisme-a-l-ecole",
        "owner": "crm@example.org",
        "society": "Croissant-Rouge marocain",
        "organisation": "Croissant-Rouge marocain, comité régional de Fès",
        "country": "MA",
        "language": "ar",
        "stage": Stage.PILOT,
        "publics": ["young-people", "children-families"],
        "themes": ["emergency", "training"],
        "sdgs": [3, 4],
        "cost": CostRange.UNDER_10K,
        "months": 9,
        "state": S.SOCIETY_REVIEW,
        "days": 2,
        "title": t(
            "Les gestes qui sauvent à l'école",
            "First aid at school",
            "",
            "الإسعافات الأولية في المدرسة",
        ),
        "pitch": t(
            "Former chaque élève de collège aux gestes qui sauvent.",
            "Training every middle-school pupil in life-saving gestures.",
            "",
            "تدريب كل تلميذ في المرحلة الإعدادية على الإسعافات الأولية.",
        ),
        "need": t(
            "",
            "",
            "",
            "يقع كثير من الحوادث المنزلية والطرقية دون أن يعرف الحاضرون كيف يتصرفون قبل وصول الإسعاف.",
        ),
        "solution": t(
            "",
            "",
            "",
            "يدرّب متطوعو الهلال الأحمر الأساتذة، ثم يدرّب الأساتذة تلاميذهم خلال أربع حصص في السنة.",
        ),
        "value_proposition": t(
            "",
            "",
            "",
            "نموذج تدريب المدربين يسمح بالوصول إلى آلاف التلاميذ بعدد قليل من المتطوعين.",
        ),
        "results": t("", "", "", "تم تدريب 4,500 تلميذ في 30 مؤسسة تعليمية بجهة فاس."),
        "transfer_potential": t("", "", "", "يمكن تطبيقه في كل الجهات بالتعاون مع وزارة التربية."),
        "resources": t("", "", "", "دمى تدريب وحقائب إسعاف ودليل للأساتذة."),
        "partners_needed": t("", "", "", "المديريات الإقليمية لوزارة التربية الوطنية."),
        "figures": [],
        "links": [],
    },
    {
        "slug": "epicerie-solidaire-en-ligne",
        "owner": "applicant@example.org",
        "society": "Croix-Rouge française",
        "organisation": "Croix-Rouge française, unité locale de Rennes",
        "country": "FR",
        "language": "fr",
        "stage": Stage.IDEA,
        "publics": ["precarity", "young-people"],
        "themes": ["food-aid"],
        "sdgs": [2],
        "cost": CostRange.UNDER_10K,
        "months": 3,
        "state": S.CHANGES_REQUESTED,
        "days": 6,
        "title": t("Épicerie solidaire en ligne pour les étudiants"),
        "pitch": t("Commander en ligne et retirer son panier dans un casier, sans file d'attente."),
        "need": t(
            "Les étudiants en difficulté renoncent à l'aide alimentaire par gêne d'être vus dans la file d'attente."
        ),
        "solution": t(
            "Un site de commande relié à l'épicerie solidaire de l'unité locale et des casiers sur le campus."
        ),
        "value_proposition": t("La discrétion : personne ne sait qui retire un panier."),
        "results": t(""),
        "transfer_potential": t(""),
        "resources": t("Des casiers, un site de commande, deux bénévoles."),
        "partners_needed": t("Le CROUS, l'université."),
        "figures": [],
        "links": [],
        "changes_message": (
            "Merci pour ce projet. Pour le publier, le catalogue demande des résultats : "
            "pouvez-vous indiquer ce qui a déjà été testé (nombre d'étudiants, période) et "
            "comment une autre unité locale pourrait le reproduire ?"
        ),
    },
]

# A newer version of a published record, waiting for moderation while the first stays online.
NEW_VERSIONS = {
    "toutes-mes-aides": {
        "results": t(
            "En moyenne 1 850 € d'aides annuelles identifiées par foyer accompagné ; 65 permanences de la Croix-Rouge française l'utilisent depuis 2023.",
            "On average €1,850 of yearly benefits identified per household supported; 65 French Red Cross help desks have used it since 2023.",
        ),
        "stage": Stage.SCALED,
    }
}

# innovation, who, country, organisation, plan, answer, state
REPLICATIONS = [
    (
        "minutis",
        "croixrouge.be@example.org",
        "BE",
        "Croix-Rouge de Belgique",
        "Coordonner nos postes de secours des grands événements en Wallonie et à Bruxelles.",
        "Avec plaisir : nous vous ouvrons un espace et formons vos référents.",
        Replication.State.CONFIRMED,
    ),
    (
        "minutis",
        "croixrouge.lu@example.org",
        "LU",
        "Croix-Rouge luxembourgeoise",
        "Utiliser Minutis pour nos équipes de premiers secours bénévoles.",
        "Nous organisons une démonstration le mois prochain.",
        Replication.State.ANSWERED,
    ),
    (
        "te-acompanamos",
        "applicant@example.org",
        "FR",
        "Croix-Rouge française, unité locale de Rennes",
        "Lancer des appels hebdomadaires aux personnes âgées isolées d'Ille-et-Vilaine avec les bénévoles de l'unité locale.",
        "",
        Replication.State.PROPOSED,
    ),
]

# who, kind, value
FOLLOWS = [
    ("applicant@example.org", Follow.Kind.THEME, "elderly"),
    ("applicant@example.org", Follow.Kind.COUNTRY, "ES"),
    ("moderator@example.org", Follow.Kind.PUBLIC, "migrants"),
]


# --- Loading ----------------------------------------------------------------------------------


def load(password: str) -> dict[str, int]:
    """Create the catalogue's demo records. Call after dataset.py created organisations and
    the demo accounts."""
    now = timezone.now()
    # Normally there from the data migration; a transactional test's flush empties the table.
    sync_target_publics()
    organisations = {o.name: o for o in Organisation.objects.all()}
    people = _owners(password, organisations)
    moderator = people[MODERATOR]
    grant_role(moderator, Role.MODERATOR)  # already granted by dataset.py; kept explicit
    _policies(people, organisations)
    publics = {p.code: p for p in TargetPublic.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    sdgs = {g.number: g for g in SustainableDevelopmentGoal.objects.all()}
    innovations = {}
    for record in RECORDS:
        innovation, version = _create(record, people, organisations, publics, lines, sdgs)
        innovations[record["slug"]] = innovation
        when = now - timedelta(days=record["days"], hours=len(innovations))
        state = record.get("state", S.PUBLISHED)
        if state == S.SOCIETY_REVIEW:
            _fire(version, "submit_to_society", version.author, when)
        else:
            _fire(version, "submit", version.author, when - timedelta(days=7))
        if state == S.PUBLISHED:
            _publish(version, moderator, when)
        elif state == S.CHANGES_REQUESTED:
            _request_changes(version, moderator, record["changes_message"], when)
    for slug, changes in NEW_VERSIONS.items():
        _new_version(innovations[slug], changes, now - timedelta(days=1))
    for slug, email, country, organisation, plan, answer, state in REPLICATIONS:
        Replication.objects.create(
            innovation=innovations[slug],
            person=people[email],
            country=country,
            organisation=organisation,
            plan=plan,
            answer=answer,
            state=state,
        )
    for email, kind, value in FOLLOWS:
        Follow.objects.create(person=people[email], kind=kind, value=value)
    return {
        "innovations": len(innovations),
        "published innovations": Innovation.objects.filter(published__isnull=False).count(),
    }


def _owners(password, organisations) -> dict[str, Person]:
    # One hash for every demo owner: Argon2 per account would make the demo slow to load.
    hashed = make_password(password)
    people = {p.email: p for p in Person.objects.all()}
    for email, name, language, organisation in OWNERS:
        if email in people:
            continue
        person = create_demo_person(
            email, name, None, language=language, organisation=organisations[organisation]
        )
        person.password = hashed
        person.save(update_fields=["password"])
        people[email] = person
    return people


def _policies(people, organisations) -> None:
    for society, validators in SOCIETY_POLICIES.items():
        policy = SocietyPolicy.objects.create(
            society=organisations[society], requires_validation=True
        )
        policy.validators.set([people[email] for email in validators])


def _create(record, people, organisations, publics, lines, sdgs):
    owner = people[record["owner"]]
    innovation = Innovation.objects.create(slug=slugify(record["slug"])[:120], owner=owner)
    texts = {name: record.get(name, {}) for name in InnovationVersion.TEXT_FIELDS}
    language = record["language"]
    version = InnovationVersion.objects.create(
        innovation=innovation,
        number=1,
        author=owner,
        original_language=language,
        stage=record["stage"],
        cost_range=record["cost"],
        duration_months=record["months"],
        country=record["country"],
        national_society=organisations[record["society"]],
        carrying_organisation=record["organisation"],
        contact_name=owner.full_name,
        contact_email=owner.email,
        moderator_translations=record.get("moderator_translations", {}),
        attestations={
            Criterion.NEED.value: _in(record["need"], language),
            Criterion.INNOVATION.value: _in(record["value_proposition"], language),
            Criterion.IMPACT.value: _in(record["results"], language)
            or _in(record["pitch"], language),
            Criterion.STRATEGIC.value: _in(record["pitch"], language),
        },
        **texts,
    )
    version.publics.set([publics[code] for code in record["publics"]])
    version.business_lines.set([lines[code] for code in record["themes"]])
    version.sdgs.set([sdgs[number] for number in record["sdgs"]])
    ImpactFigure.objects.bulk_create(
        ImpactFigure(version=version, position=position, **row)
        for position, row in enumerate(record["figures"])
    )
    Resource.objects.bulk_create(
        Resource(version=version, position=position, title=title, url=url)
        for position, (title, url) in enumerate(record["links"])
    )
    return innovation, version


def _in(text: dict, language: str) -> str:
    return text.get(language) or next(iter(text.values()), "")


def _fire(version, transition, actor, when, reason=""):
    VERSION_WORKFLOW.fire(version, transition, actor, reason=reason)
    _backdate(version, f"transition:{transition}", when)


def _backdate(target, action, when) -> None:
    """The history, the version and its review say when things happened in the demo's story,
    not when the demo was loaded."""
    entry = (
        HistoryEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            action=action,
        )
        .order_by("-pk")
        .first()
    )
    if entry is not None:
        HistoryEntry.objects.filter(pk=entry.pk).update(at=when)
    if isinstance(target, InnovationVersion):
        stamp = {"submitted_at": when} if "submit" in action else {"decided_at": when}
        InnovationVersion.objects.filter(pk=target.pk).update(**stamp)
        if "submit" not in action:
            Review.objects.filter(version=target).update(created_at=when)


def _publish(version, moderator, when) -> None:
    """Publish as the moderation part does (services.moderation.publish: workflow, history,
    search index), then date it in the demo's story."""
    Review.objects.create(
        version=version,
        level=Review.Level.CENTRAL,
        moderator=moderator,
        checklist=dict.fromkeys(Criterion.values, True),
        decision=Review.Decision.ACCEPT,
    )
    moderation.publish(version, moderator)
    _backdate(version, "transition:publish", when)
    _backdate(version.innovation, "published", when)
    Innovation.objects.filter(pk=version.innovation_id).update(
        first_published_at=when, published_at=when
    )


def _request_changes(version, moderator, message, when) -> None:
    """Through services.moderation.decide, so that the submitter finds the moderator's message
    among their notices."""
    moderation.decide(
        version, moderator, decision=Review.Decision.CHANGES, checklist={}, message=message
    )
    _backdate(version, "transition:request_changes", when)


def _new_version(innovation, changes, when) -> InnovationVersion:
    """Copy the published version into version 2 with `changes`, and submit it."""
    innovation.refresh_from_db()
    current = innovation.published
    version = InnovationVersion.objects.get(pk=current.pk)
    version.pk = None
    version.id = None
    version.number = current.number + 1
    version.state = S.DRAFT
    version.submitted_at = version.decided_at = None
    for name, value in changes.items():
        setattr(version, name, value)
    version.save()
    version.publics.set(current.publics.all())
    version.business_lines.set(current.business_lines.all())
    version.sdgs.set(current.sdgs.all())
    ImpactFigure.objects.bulk_create(
        ImpactFigure(
            version=version,
            label=f.label,
            value=f.value,
            unit=f.unit,
            source=f.source,
            measured_on=f.measured_on,
            position=f.position,
        )
        for f in current.figures.all()
    )
    _fire(version, "submit", version.author, when)
    return version
