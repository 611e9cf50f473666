"""The history actions programmes records, with the labels of the staff pages' history tables."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action


def changed_fields(entry) -> str:
    """The fields an update changed (`fields` of its data), by the names the forms show."""
    model = ContentType.objects.get_for_id(entry.target_type_id).model_class()
    names = []
    for name in entry.data.get("fields", []):
        try:
            names.append(str(model._meta.get_field(name).verbose_name))
        except (AttributeError, FieldDoesNotExist):
            names.append(name)
    return ", ".join(names)


PROGRAMME_CREATED = action("programme_created", _("Programme created"))
PROGRAMME_UPDATED = action("programme_updated", _("Programme changed"), changed_fields)
SEASON_CREATED = action("season_created", _("Season created"))
SEASON_UPDATED = action("season_updated", _("Season changed"), changed_fields)
CALL_CREATED = action("call_created", _("Call created"))
CALL_COPIED = action("call_copied", _("Call copied from a previous season"))
CALL_UPDATED = action("call_updated", _("Call changed"), changed_fields)
FORM_STEP_ADDED = action("form_step_added", _("Step added"))
FORM_STEP_UPDATED = action("form_step_updated", _("Step changed"), changed_fields)
FORM_STEP_DELETED = action("form_step_deleted", _("Step deleted"))
FORM_STEP_MOVED = action("form_step_moved", _("Step moved"))
QUESTION_ADDED = action("question_added", _("Question added"))
QUESTION_UPDATED = action("question_updated", _("Question changed"), changed_fields)
QUESTION_DELETED = action("question_deleted", _("Question deleted"))
QUESTION_MOVED = action("question_moved", _("Question moved"))
CRITERION_ADDED = action("criterion_added", _("Criterion added"))
CRITERION_UPDATED = action("criterion_updated", _("Criterion changed"))
CRITERION_DELETED = action("criterion_deleted", _("Criterion deleted"))
CRITERION_MOVED = action("criterion_moved", _("Criterion moved"))
