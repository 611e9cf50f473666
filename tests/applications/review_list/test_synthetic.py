"""Many applications for a call, bulk-inserted for the staff list benchmark, look like the
ones the services write: answers, chosen values, a submitted copy, and a search entry."""

from __future__ import annotations

from tremplin.applications.models import Answer, AnswerChoice, Application, State
from tremplin.core import search
from tremplin.core.models import SearchEntry
from tremplin.demo.synthetic import generate_applications


def test_generated_applications_are_complete(call):
    assert generate_applications(call, 60, prefix="gen") == 60
    applications = Application.objects.filter(call=call)
    assert applications.count() == 60
    assert applications.exclude(state=State.DRAFT).filter(submitted_at__isnull=True).count() == 0
    assert applications.filter(applicant__isnull=True).count() == 0
    submitted = applications.exclude(state=State.DRAFT).first()
    assert submitted.frozen_answers["answers"]["project_name"]["text"] == submitted.title
    assert Answer.objects.filter(application=submitted, question__key="need").exists()
    assert AnswerChoice.objects.filter(
        application=submitted, question__kind="business_line"
    ).exists()
    assert SearchEntry.objects.filter(doc_type="application").count() == 60
    word = submitted.title.split()[0]
    assert submitted.pk in set(
        search.matching_ids("application", word).values_list("doc_id", flat=True)
    )


def test_indexing_again_replaces_the_entries(call):
    generate_applications(call, 5, with_people=False, with_answers=False)
    ids = list(Application.objects.values_list("pk", flat=True))
    assert search.index_many("application", [(pk, "Vélo cargo") for pk in ids]) == 5
    assert SearchEntry.objects.filter(doc_type="application").count() == 5
    found = set(search.matching_ids("application", "velo").values_list("doc_id", flat=True))
    assert found == set(ids)
