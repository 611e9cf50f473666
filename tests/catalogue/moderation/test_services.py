"""The moderation services: decisions at both levels, publishing (the version online stays
online until the new one is published), taking down, moderators' translations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import InnovationVersion, Review, SearchDocument
from tremplin.catalogue.services import moderation as services
from tremplin.core.history import history_of
from tremplin.messaging.models import Message

from . import builders
from .builders import ALL_CRITERIA

pytestmark = pytest.mark.django_db
State = InnovationVersion.State
Decision = Review.Decision


def test_publishing_a_new_record_puts_it_online_and_indexes_it():
    mod = builders.moderator()
    version = builders.submitted(title={"fr": "Voisins solidaires"}, country="BE", stage="idea")
    review = services.decide(version, mod, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    version.refresh_from_db()
    innovation = version.innovation
    innovation.refresh_from_db()
    assert version.state == State.PUBLISHED
    assert version.decided_at is not None
    assert innovation.published_id == version.pk
    assert innovation.first_published_at == innovation.published_at
    assert (innovation.country, innovation.stage) == ("BE", "idea")
    assert SearchDocument.objects.filter(innovation=innovation, language="fr").exists()
    assert review.level == Review.Level.CENTRAL and review.checklist == ALL_CRITERIA
    actions = [e.action for e in history_of(version)]
    assert "transition:publish" in actions
    assert Message.objects.filter(recipient=innovation.owner).count() == 1


def test_an_update_stays_in_moderation_while_the_published_version_stays_online():
    mod = builders.moderator()
    innovation = make_innovation(title={"fr": "Ancien titre"})
    first = innovation.published
    first_published_at = innovation.first_published_at
    update = builders.new_version(innovation, title={"fr": "Nouveau titre"}, country="ES")

    innovation.refresh_from_db()
    assert innovation.published_id == first.pk  # still online while moderated
    assert "ancien titre" in SearchDocument.objects.get(innovation=innovation, language="fr").body

    services.decide(update, mod, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    innovation.refresh_from_db()
    first.refresh_from_db()
    assert innovation.published_id == update.pk
    assert first.state == State.SUPERSEDED
    assert innovation.first_published_at == first_published_at
    assert innovation.published_at > first_published_at
    assert innovation.country == "ES"
    body = SearchDocument.objects.get(innovation=innovation, language="fr").body
    assert "nouveau titre" in body and "ancien titre" not in body
    assert "transition:supersede" in [e.action for e in history_of(first)]


def test_an_update_refused_leaves_the_published_version_online():
    mod = builders.moderator()
    innovation = make_innovation()
    update = builders.new_version(innovation, title={"fr": "Moins bien"})
    services.decide(update, mod, decision=Decision.REJECT, checklist={}, message="Non.")
    innovation.refresh_from_db()
    assert innovation.published.state == State.PUBLISHED
    assert innovation.published.number == 1


def test_request_changes_needs_a_message_and_tells_the_submitter():
    mod = builders.moderator()
    version = builders.submitted()
    with pytest.raises(ValidationError):
        services.decide(version, mod, decision=Decision.CHANGES, checklist={}, message="  ")
    assert not Review.objects.exists()
    services.decide(
        version, mod, decision=Decision.CHANGES, checklist={}, message="Add your figures."
    )
    version.refresh_from_db()
    assert version.state == State.CHANGES_REQUESTED
    message = Message.objects.get(recipient=version.author)
    assert "Add your figures." in message.body


def test_reject_needs_a_reason():
    version = builders.submitted()
    with pytest.raises(ValidationError):
        services.decide(version, builders.moderator(), decision=Decision.REJECT, checklist={})
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_accepting_needs_the_four_criteria():
    version = builders.submitted()
    checklist = dict(ALL_CRITERIA, impact=False)
    with pytest.raises(ValidationError):
        services.decide(
            version, builders.moderator(), decision=Decision.ACCEPT, checklist=checklist
        )
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_a_second_decision_on_the_same_version_is_refused():
    mod = builders.moderator()
    version = builders.submitted()
    services.decide(version, mod, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    with pytest.raises(ValidationError):
        services.decide(version, mod, decision=Decision.REJECT, checklist={}, message="x")
    assert Review.objects.count() == 1


def test_only_moderators_decide_centrally():
    version = builders.submitted()
    with pytest.raises(PermissionDenied):
        services.decide(version, version.author, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    staff = make_person(roles=["staff"])
    with pytest.raises(PermissionDenied):
        services.decide(version, staff, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)


def test_the_notice_is_in_the_submitters_language():
    owner = make_person(preferred_language="es")
    version = builders.submitted(
        owner, title={"fr": "Voisins solidaires", "es": "Vecinos solidarios"}
    )
    services.decide(version, builders.moderator(), decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    message = Message.objects.get(recipient=owner)
    assert message.language == "es"
    assert "Vecinos solidarios" in message.subject
    assert "Voisins" not in message.subject


def test_the_owner_is_told_too_when_someone_else_wrote_the_version():
    innovation = make_innovation()
    colleague = make_person()
    update = builders.new_version(innovation, author=colleague)
    services.decide(
        update, builders.moderator(), decision=Decision.CHANGES, checklist={}, message="x"
    )
    assert set(Message.objects.values_list("recipient", flat=True)) == {
        innovation.owner.pk,
        colleague.pk,
    }


# --- National society level ---------------------------------------------------------------------


def test_a_society_validation_sends_the_version_to_the_central_queue():
    validator = make_person()
    society = builders.society(validators=[validator])
    version = builders.submitted(state=State.SOCIETY_REVIEW, national_society=society)
    review = services.decide(version, validator, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)
    version.refresh_from_db()
    assert version.state == State.SUBMITTED
    assert review.level == Review.Level.SOCIETY
    assert "transition:society_accept" in [e.action for e in history_of(version)]
    assert "Cruz Roja Española" in Message.objects.get(recipient=version.author).subject


def test_society_changes_and_rejection():
    validator = make_person()
    society = builders.society(validators=[validator])
    first = builders.submitted(state=State.SOCIETY_REVIEW, national_society=society)
    services.decide(first, validator, decision=Decision.CHANGES, checklist={}, message="Plus.")
    first.refresh_from_db()
    assert first.state == State.CHANGES_REQUESTED
    second = builders.submitted(state=State.SOCIETY_REVIEW, national_society=society)
    services.decide(second, validator, decision=Decision.REJECT, checklist={}, message="Non.")
    second.refresh_from_db()
    assert second.state == State.REJECTED


def test_a_validator_of_another_society_cannot_validate():
    other = make_person()
    builders.society("Croix-Rouge de Belgique", "BE", validators=[other])
    society = builders.society(validators=[make_person()])
    version = builders.submitted(state=State.SOCIETY_REVIEW, national_society=society)
    with pytest.raises(PermissionDenied):
        services.decide(version, other, decision=Decision.ACCEPT, checklist=ALL_CRITERIA)


def test_a_central_moderator_does_not_decide_for_a_society():
    society = builders.society(validators=[make_person()])
    version = builders.submitted(state=State.SOCIETY_REVIEW, national_society=society)
    with pytest.raises(PermissionDenied):
        services.decide(
            version, builders.moderator(), decision=Decision.ACCEPT, checklist=ALL_CRITERIA
        )


# --- Taking down --------------------------------------------------------------------------------


def test_take_down_unpublishes_unindexes_and_tells_the_owner():
    owner = make_person(preferred_language="es")
    innovation = make_innovation(owner, title={"es": "Vecinos"}, original_language="es")
    version = innovation.published
    services.take_down(innovation, builders.moderator(), reason="Datos personales.")
    innovation.refresh_from_db()
    version.refresh_from_db()
    assert innovation.published_id is None
    assert version.state == State.WITHDRAWN
    assert not SearchDocument.objects.filter(innovation=innovation).exists()
    message = Message.objects.get(recipient=owner)
    assert message.language == "es" and "Vecinos" in message.subject
    assert "Datos personales." in message.body
    assert "taken_down" in [e.action for e in history_of(innovation)]


def test_take_down_needs_a_moderator_and_a_reason():
    innovation = make_innovation()
    with pytest.raises(PermissionDenied):
        services.take_down(innovation, innovation.owner, reason="x")
    with pytest.raises(ValidationError):
        services.take_down(innovation, builders.moderator(), reason=" ")
    innovation.refresh_from_db()
    assert innovation.published_id is not None


# --- Moderators' translations -------------------------------------------------------------------


def test_a_moderator_translates_the_published_version_without_a_new_round():
    mod = builders.moderator()
    innovation = make_innovation(title={"fr": "Voisins solidaires"}, pitch="Un réseau")
    version = innovation.published
    changed = services.translate(
        version, mod, language="es", texts={"title": "Vecinos solidarios", "pitch": "Una red"}
    )
    assert changed == ["title", "pitch"]
    version.refresh_from_db()
    assert version.state == State.PUBLISHED
    assert version.title == {"fr": "Voisins solidaires", "es": "Vecinos solidarios"}
    assert version.moderator_translations == {"es": ["pitch", "title"]}
    assert SearchDocument.objects.filter(innovation=innovation, language="es").exists()
    entry = history_of(version).get(action="translated_by_moderator")
    assert entry.data == {"language": "es", "fields": ["title", "pitch"]}


def test_a_translation_correction_is_remembered_with_the_earlier_fields():
    mod = builders.moderator()
    version = builders.submitted(title={"fr": "Titre", "en": "Title"})
    services.translate(version, mod, language="en", texts={"title": "Better title"})
    services.translate(
        version, mod, language="en", texts={"need": "A need", "title": "Better title"}
    )
    version.refresh_from_db()
    assert version.moderator_translations == {"en": ["need", "title"]}
    assert version.state == State.SUBMITTED


def test_the_original_language_is_the_authors():
    version = builders.submitted(title={"fr": "Titre"})
    with pytest.raises(ValidationError):
        services.translate(version, builders.moderator(), language="fr", texts={"title": "X"})


def test_only_moderators_translate():
    version = builders.submitted()
    with pytest.raises(PermissionDenied):
        services.translate(version, version.author, language="en", texts={"title": "X"})
