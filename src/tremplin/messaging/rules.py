"""Who may do what with messages: staff word a call's messages and send its mailings; each
person reads their own messages and nobody else's. Deny by default."""

import rules

from tremplin.accounts.rules import READ_ONLY_STAFF, is_accelerator_staff, is_admin
from tremplin.core.permissions import visible_with
from tremplin.core.rules import admin_module, admin_permissions

from .models import Message


@rules.predicate
def is_recipient(user, message) -> bool:
    return (
        message is not None
        and bool(getattr(user, "is_authenticated", False))
        and message.recipient_id == user.pk
    )


# Per call (the object is a Call).
rules.add_perm("messaging.edit_templates", is_accelerator_staff)
rules.add_perm("messaging.send_mailing", is_accelerator_staff)
# The inbox of the signed-in person; a message (the object) only by its recipient.
rules.add_perm("messaging.read_inbox", rules.is_authenticated)
rules.add_perm("messaging.read_message", is_recipient)
visible_with(Message, "messaging.read_message")


# The Django admin. Message templates are edited on the staff pages (which check their
# placeholders); sent messages are append-only; mailings are composed and sent from the staff
# pages, where they are previewed first.
admin_permissions("messaging.messagetemplate", **READ_ONLY_STAFF)
admin_permissions("messaging.message", view=is_accelerator_staff, delete=is_admin)
admin_permissions("messaging.mailing", **READ_ONLY_STAFF)
admin_module("messaging", is_accelerator_staff)
