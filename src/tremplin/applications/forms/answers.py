"""The form of a call, one step at a time, built from its questions."""

from __future__ import annotations

from django import forms

from tremplin.core.forms import OneLineMixin
from tremplin.programmes import questions as q
from tremplin.programmes.models import Question

# What is kept of a value that does not validate (it is shown back to be corrected).
RAW_LIMIT = 20_000


def encode_revisions(revisions: dict[int, int]) -> str:
    return ",".join(f"{qid}:{rev}" for qid, rev in sorted(revisions.items()))


def decode_revisions(text: str) -> dict[int, int]:
    revisions = {}
    for part in (text or "").split(","):
        qid, _sep, rev = part.partition(":")
        if qid.isdigit() and rev.isdigit():
            revisions[int(qid)] = int(rev)
    return revisions


class StepForm(OneLineMixin, forms.Form):
    """The questions of one step. Every answer is optional while drafting (required answers are
    checked on the summary page and at submission); a value that does not validate is kept as
    typed, so that nothing is lost."""

    revisions = forms.CharField(widget=forms.HiddenInput(attrs={"id": "revisions"}), required=False)

    def __init__(
        self,
        *args,
        questions: list[Question],
        answers: dict,
        max_upload_mb: int = 10,
        reference: q.ReferenceChoices | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        reference = reference or q.ReferenceChoices()
        revisions = {}
        for question in questions:
            field = q.form_field(question, reference, max_upload_mb)
            field.question = question
            self.fields[question.key] = field
            answer = answers.get(question.pk)
            if answer is not None:
                self.initial[question.key] = answer.raw or q.to_initial(question, answer.value)
                revisions[question.pk] = answer.revision
            else:
                revisions[question.pk] = 0
        self.initial["revisions"] = encode_revisions(revisions)

    def text_questions(self) -> list[Question]:
        return [question for question in self.questions if question.kind != Question.Kind.FILE]

    def file_questions(self) -> list[Question]:
        return [question for question in self.questions if question.kind == Question.Kind.FILE]

    def split(self) -> tuple[dict, dict]:
        """After is_valid(): the clean values, and what was typed in the fields that did not
        validate (for kinds where a typed text can be kept)."""
        self.is_valid()
        cleaned, raw = {}, {}
        for question in self.text_questions():
            key = question.key
            if self.add_prefix(key) not in self.data and not self._absent_means_empty(question):
                continue  # not sent at all: left as it is
            if key in self.errors:
                if question.is_choice:
                    continue  # a forged or impossible choice: nothing worth keeping
                typed = self.data.get(self.add_prefix(key), "")
                if isinstance(typed, str) and typed.strip():
                    raw[key] = typed[:RAW_LIMIT]
            elif key in self.cleaned_data:
                cleaned[key] = self.cleaned_data[key]
        return cleaned, raw

    def _absent_means_empty(self, question: Question) -> bool:
        """Browsers send nothing for a group of checkboxes with none ticked."""
        return isinstance(self.fields[question.key].widget, forms.CheckboxSelectMultiple)

    def base_revisions(self) -> dict[int, int]:
        return decode_revisions(self.data.get("revisions", ""))
