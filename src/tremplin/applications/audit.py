"""The history actions applications records (its transitions are APPLICATION_WORKFLOW's,
registered below)."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action, transitions

from .models import Application
from .workflow import APPLICATION_WORKFLOW

STARTED = action("started", _("Application started"))
ANSWERS_SAVED = action("answers_saved", _("Answers saved"))
FILE_UPLOADED = action("file_uploaded", _("File added"))
FILE_DELETED = action("file_deleted", _("File removed"))
RESUBMITTED = action("resubmitted", _("Submitted again after changes"))
INFORMATION_PROVIDED = action("information_provided", _("Information provided"))
CO_APPLICANT_INVITED = action("co_applicant_invited", _("Co-applicant invited"))
CO_APPLICANT_JOINED = action("co_applicant_joined", _("Co-applicant joined"))
CO_APPLICANT_REMOVED = action("co_applicant_removed", _("Co-applicant removed"))
DEADLINE_EXTENDED = action("deadline_extended", _("Individual deadline granted"))
SCREENING_CHECKED = action("screening_checked", _("Eligibility checklist saved"))

transitions(Application, APPLICATION_WORKFLOW)
