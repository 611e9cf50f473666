"""Reads of an application's answers: the applicant's steps and progress, the answers as
submitted, and the answers as staff read them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tremplin.programmes import questions as q
from tremplin.programmes.models import Question

from ..models import Application, Attachment, State


def answers_by_question(application) -> dict:
    return {answer.question_id: answer for answer in application.answers.all()}


def attachments_by_question(application) -> dict:
    files: dict[int, list] = {}
    for attachment in application.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment)
    return files


def steps_with_progress(application) -> list[dict]:
    """Each step with its number of questions, answered and required-but-missing ones."""
    answered = {
        answer.question_id
        for answer in application.answers.all()
        if answer.value not in (None, "", []) and not answer.raw
    }
    answered |= set(application.attachments.values_list("question_id", flat=True))
    steps = []
    for number, step in enumerate(application.call.steps.prefetch_related("questions"), start=1):
        questions = list(step.questions.all())
        missing = [q for q in questions if q.required and q.pk not in answered]
        steps.append(
            {
                "number": number,
                "step": step,
                "total": len(questions),
                "answered": sum(1 for q in questions if q.pk in answered),
                "missing": len(missing),
            }
        )
    return steps


def step_numbers(application) -> dict[int, int]:
    """Step id -> its number in the form."""
    return {step.pk: number for number, step in enumerate(application.call.steps.all(), start=1)}


def frozen_answers(application) -> list[dict]:
    """The answers as submitted, in form order, for the read-only view."""
    frozen = application.frozen_answers.get("answers", {})
    if not frozen:
        return []
    rows = []
    for step in application.call.steps.prefetch_related("questions"):
        items = []
        for question in step.questions.all():
            entry = frozen.get(question.key, {})
            items.append(
                {
                    "question": question,
                    "text": entry.get("text", ""),
                    "files": entry.get("files", []),
                }
            )
        rows.append({"step": step, "items": items})
    return rows


@dataclass
class ShownAnswer:
    question: Question
    text: str
    files: list[Attachment] = field(default_factory=list)

    @property
    def is_long(self) -> bool:
        return self.question.kind == Question.Kind.LONG_TEXT


@dataclass
class ShownStep:
    title: str
    answers: list[ShownAnswer]


class AnswerReader:
    """Shows answers as staff read them: the answers as submitted (what the applicant sent,
    not a later unsubmitted change), the live draft otherwise; choices by their label in the
    reader's language."""

    def __init__(self, questions: Iterable[Question]):
        self.questions = list(questions)
        self.by_key = {question.key: question for question in self.questions}
        self.by_id = {question.pk: question for question in self.questions}
        reference = q.ReferenceChoices()
        self.labels = {
            question.pk: dict(q.options_of(question, reference))
            for question in self.questions
            if question.is_choice
        }

    def text(self, question: Question, value, stored_text: str) -> str:
        if value is None:
            return stored_text or ""
        if question.is_choice:
            return q.display(question, value, self.labels.get(question.pk))
        return stored_text or q.display(question, value)

    def entries(self, application: Application, live=()) -> dict[int, tuple[str, list[str]]]:
        """question id -> (text, file names). `live` are the application's Answer rows, read
        for a draft only (a submitted application carries its submitted copy)."""
        result = {}
        if not reads_live_answers(application):
            for key, entry in application.frozen_answers["answers"].items():
                question = self.by_key.get(key)
                if question is not None and isinstance(entry, dict):
                    text = self.text(question, entry.get("value"), entry.get("text") or "")
                    result[question.pk] = (text, list(entry.get("files") or []))
            return result
        for answer in live:
            question = self.by_id.get(answer.question_id)
            if question is not None:
                result[question.pk] = (
                    self.text(question, answer.value, answer.text) or answer.raw,
                    [],
                )
        return result


def reads_live_answers(application: Application) -> bool:
    """Whether staff read the live answers (a draft, or an application without a submitted
    copy) rather than the answers as submitted."""
    return application.state == State.DRAFT or not isinstance(
        (application.frozen_answers or {}).get("answers"), dict
    )


def answers_by_step(application: Application) -> list[ShownStep]:
    """Every question of the call, step by step, with the application's answer and files."""
    questions = list(application.call.questions.select_related("step"))
    reader = AnswerReader(questions)
    live = list(application.answers.all()) if reads_live_answers(application) else []
    entries = reader.entries(application, live)
    files: dict[int, list[Attachment]] = {}
    for attachment in application.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment)
    steps: list[ShownStep] = []
    current = None
    for question in questions:
        if current is None or question.step_id != current[0]:
            current = (question.step_id, ShownStep(str(question.step.title), []))
            steps.append(current[1])
        text, _names = entries.get(question.pk, ("", []))
        current[1].answers.append(ShownAnswer(question, text, files.get(question.pk, [])))
    return steps
