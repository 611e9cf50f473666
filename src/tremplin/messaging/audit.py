"""The history actions messaging records."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.history import action

MESSAGE_TEMPLATE_SAVED = action("message_template_saved", _("Message wording saved"))
MESSAGE_TEMPLATE_RESTORED = action("message_template_restored", _("Default wording restored"))
MAILING_DRAFTED = action("mailing_drafted", _("Mailing drafted"))
MAILING_CHANGED = action("mailing_changed", _("Mailing changed"))
MAILING_DISCARDED = action("mailing_discarded", _("Mailing discarded"))
MAILING_SENT = action("mailing_sent", _("Mailing sent"))
