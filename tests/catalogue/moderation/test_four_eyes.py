"""The four-eyes rule in the catalogue: nobody decides on their own record. A moderator who
wrote a version, owns the innovation or was on the team of the application it comes from
neither publishes, nor asks for changes, nor rejects it; a national society's validator does
not validate their own record. The review page offers them no decision and says why; the
service refuses with the same message and records nothing; another moderator decides."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from tests.applications.builders import apply, build_call
from tests.conftest import make_person
from tremplin.applications.models import CoApplicant
from tremplin.catalogue.models import InnovationVersion, Review
from tremplin.catalogue.services import moderation as services
from tremplin.core.history import history_of

from . import builders
from .builders import ALL_CRITERIA

pytestmark = pytest.mark.django_db
State = InnovationVersion.State
Decision = Review.Decision
OWN_WORK = "You cannot decide on your own work: another person must do it."


@pytest.fixture(autouse=True)
def _english():
    """The services' refusals are read in English (pages: the people prefer English)."""
    with translation.override("en"):
        yield


def review_url(version):
    return reverse("catalogue:moderation_review", kwargs={"pk": version.pk})


def decide_on_page(client, version, decision="accept", message=""):
    data = {"decision": decision, "message": message}
    data.update({f"criterion_{c}": "on" for c in ALL_CRITERIA})
    return client.post(review_url(version), data, follow=True)


def _unchanged(version, state=State.SUBMITTED):
    version.refresh_from_db()
    assert version.state == state
    assert not Review.objects.filter(version=version).exists()
    assert not [e for e in history_of(version) if e.action.startswith("transition:")]


@pytest.mark.parametrize(
    ("decision", "message"),
    [(Decision.ACCEPT, ""), (Decision.CHANGES, "Plus."), (Decision.REJECT, "Non.")],
)
def test_a_moderator_does_not_decide_on_the_version_they_wrote(decision, message):
    mod = builders.moderator(preferred_language="en")
    version = builders.submitted(mod)
    with pytest.raises(PermissionDenied) as refused:
        services.decide(version, mod, decision=decision, checklist=ALL_CRITERIA, message=message)
    assert str(refused.value) == OWN_WORK
    _unchanged(version)


def test_nor_on_an_update_written_by_someone_else_of_the_record_they_own():
    mod = builders.moderator(preferred_language="en")
    innovation = builders.submitted(mod, state=State.PUBLISHED).innovation
    update = builders.new_version(innovation, author=make_person())
    assert not mod.has_perm("catalogue.moderate_version", update)
    with pytest.raises(PermissionDenied, match="your own work"):
        services.publish(update, mod)
    _unchanged(update)


def test_nor_on_the_record_of_an_application_they_applied_with():
    call = build_call()
    writer = make_person()
    application = apply(call, writer)
    mod = builders.moderator()
    CoApplicant.objects.create(
        application=application, email=mod.email, person=mod, accepted_at=timezone.now()
    )
    version = builders.submitted(writer)
    innovation = version.innovation
    innovation.source_application = application
    innovation.save(update_fields=["source_application"])
    version = InnovationVersion.objects.get(pk=version.pk)
    assert not services.may_decide(mod, version)
    with pytest.raises(PermissionDenied):
        services.decide(version, mod, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    _unchanged(version)


def test_another_moderator_publishes_it():
    author = builders.moderator()
    version = builders.submitted(author)
    other = builders.moderator()
    assert services.may_decide(other, version)
    services.decide(version, other, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    version.refresh_from_db()
    assert version.state == State.PUBLISHED


def test_the_review_page_offers_the_author_no_decision_and_says_why(client):
    mod = builders.moderator(preferred_language="en")
    version = builders.submitted(mod)
    client.force_login(mod)
    response = client.get(review_url(version))
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["form"] is None
    assert 'value="accept"' not in page
    assert OWN_WORK in page


def test_a_decision_posted_by_the_author_is_refused_with_the_reason(client):
    mod = builders.moderator(preferred_language="en")
    version = builders.submitted(mod)
    client.force_login(mod)
    response = decide_on_page(client, version)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert OWN_WORK in response.content.decode()
    _unchanged(version)


def test_a_society_validator_does_not_validate_their_own_record(client):
    validator = make_person(preferred_language="en")
    society = builders.society(validators=[validator, make_person()])
    version = builders.submitted(validator, state=State.SOCIETY_REVIEW, national_society=society)
    assert not validator.has_perm("catalogue.decide_for_society", version)
    with pytest.raises(PermissionDenied, match="your own work"):
        services.decide(version, validator, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    _unchanged(version, State.SOCIETY_REVIEW)
    client.force_login(validator)
    response = client.get(review_url(version))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert OWN_WORK in response.content.decode()


def test_the_other_validator_of_the_society_validates_it():
    author, colleague = make_person(), make_person()
    society = builders.society(validators=[author, colleague])
    version = builders.submitted(author, state=State.SOCIETY_REVIEW, national_society=society)
    services.decide(version, colleague, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_a_moderator_does_not_translate_their_own_record_without_moderation():
    """A moderator's translation skips the moderation round: on their own record it would be
    a change nobody else reviewed."""
    mod = builders.moderator()
    version = builders.submitted(mod, state=State.PUBLISHED)
    assert not mod.has_perm("catalogue.translate", version)
    with pytest.raises(PermissionDenied, match="your own work"):
        services.translate(version, mod, language="en", texts={"title": "My own title"})
    version.refresh_from_db()
    assert "en" not in version.title.languages
    services.translate(version, builders.moderator(), language="en", texts={"title": "Title"})
