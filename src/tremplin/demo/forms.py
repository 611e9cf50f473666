"""The application form of the demo calls: three steps, as the accelerator's calls ask."""

from tremplin.programmes.models import Call, EligibilityCriterion, FormStep, Question
from tremplin.programmes.services.form_builder import ensure_system_questions

K = Question.Kind


def t(fr, en, es="", ar=""):
    return {k: v for k, v in {"fr": fr, "en": en, "es": es, "ar": ar}.items() if v}


STAGES = [
    ("idea", t("Idée", "Idea", "Idea", "فكرة")),
    ("prototype", t("Prototype", "Prototype", "Prototipo", "نموذج أولي")),
    ("pilot", t("Expérimentation", "Pilot", "Piloto", "تجربة")),
    ("deployed", t("Déployé", "Deployed", "Desplegado", "مُطبَّق")),
]

STEPS = [
    (
        t(
            "Le besoin et votre solution",
            "The need and your solution",
            "La necesidad y su solución",
            "الحاجة وحلّكم",
        ),
        [
            (
                "need",
                K.LONG_TEXT,
                True,
                2000,
                t(
                    "Quel besoin social ou organisationnel votre projet adresse-t-il ?",
                    "What social or organisational need does your project answer?",
                    "¿A qué necesidad social u organizativa responde su proyecto?",
                    "ما الحاجة الاجتماعية أو التنظيمية التي يستجيب لها مشروعكم؟",
                ),
            ),
            (
                "solution",
                K.LONG_TEXT,
                True,
                3000,
                t(
                    "Décrivez votre solution et ce qu'elle a d'innovant.",
                    "Describe your solution and what makes it innovative.",
                    "Describa su solución y lo que la hace innovadora.",
                    "صفوا حلّكم وما يجعله مبتكرًا.",
                ),
            ),
            (
                "stage",
                K.SINGLE_CHOICE,
                True,
                None,
                t(
                    "Où en est votre projet ?",
                    "How far along is your project?",
                    "¿En qué fase está su proyecto?",
                    "في أي مرحلة مشروعكم؟",
                ),
            ),
            (
                "business_lines",
                K.BUSINESS_LINE,
                True,
                None,
                t(
                    "Métiers de la Croix-Rouge concernés",
                    "Business lines of the movement concerned",
                    "Líneas de actividad del movimiento",
                    "مجالات عمل الحركة المعنية",
                ),
            ),
            (
                "sdgs",
                K.SDG,
                False,
                None,
                t(
                    "Objectifs de développement durable visés",
                    "Sustainable development goals targeted",
                    "Objetivos de desarrollo sostenible",
                    "أهداف التنمية المستدامة المستهدفة",
                ),
            ),
        ],
    ),
    (
        t(
            "Équipe, budget et pièces jointes",
            "Team, budget and files",
            "Equipo, presupuesto y archivos",
            "الفريق والميزانية والملفات",
        ),
        [
            (
                "team_size",
                K.NUMBER,
                True,
                None,
                t(
                    "Combien de personnes portent le projet ?",
                    "How many people carry the project?",
                    "¿Cuántas personas llevan el proyecto?",
                    "كم شخصًا يحمل المشروع؟",
                ),
            ),
            (
                "budget",
                K.BUDGET,
                True,
                None,
                t(
                    "Budget de l'expérimentation (euros)",
                    "Budget of the experiment (euros)",
                    "Presupuesto de la experimentación (euros)",
                    "ميزانية التجربة (باليورو)",
                ),
            ),
            (
                "website",
                K.URL,
                False,
                None,
                t(
                    "Site web du projet",
                    "Project website",
                    "Sitio web del proyecto",
                    "الموقع الإلكتروني للمشروع",
                ),
            ),
            (
                "pitch_deck",
                K.FILE,
                False,
                None,
                t(
                    "Présentation du projet (PDF, PPTX...)",
                    "Project presentation (PDF, PPTX...)",
                    "Presentación del proyecto (PDF, PPTX...)",
                    "عرض المشروع (PDF، PPTX...)",
                ),
            ),
        ],
    ),
]

CRITERIA = [
    t(
        "Le projet répond à un besoin social ou organisationnel",
        "The project answers a social or organisational need",
    ),
    t("La proposition de valeur est innovante", "The value proposition is innovative"),
    t("Le projet a un impact social", "The project has a social impact"),
    t(
        "Le projet présente un intérêt stratégique pour le mouvement",
        "The project is of strategic interest for the movement",
    ),
]


def build_form(call: Call) -> None:
    ensure_system_questions(call)
    for position, (title, questions) in enumerate(STEPS, start=1):
        step = FormStep.objects.create(call=call, position=position, title=title)
        for order, (key, kind, required, limit, label) in enumerate(questions):
            Question.objects.create(
                call=call,
                step=step,
                position=order,
                key=key,
                kind=kind,
                required=required,
                max_length=limit,
                label=label,
                options=[{"value": v, "label": lbl} for v, lbl in STAGES] if key == "stage" else [],
                max_choices=3 if kind == K.BUSINESS_LINE else None,
            )
    if call.programme.is_intrapreneur:
        EligibilityCriterion.objects.create(
            call=call,
            position=0,
            label=t(
                "Le porteur est membre vérifié du mouvement",
                "The applicant is a verified member of the movement",
            ),
        )
    for position, label in enumerate(CRITERIA, start=1):
        EligibilityCriterion.objects.create(call=call, position=position, label=label)
