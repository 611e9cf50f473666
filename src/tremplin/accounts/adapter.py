"""allauth hooks: the person's language is remembered at login; e-mails go through the task queue."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from tremplin.core.middleware import remember_language
from tremplin.core.tasks import send_email

from .models import Person


def user_display(user) -> str:
    """How allauth names an account in its messages and e-mails: by its address, never by the
    name typed at sign-up. Anyone may sign up with somebody else's address, and the confirmation
    e-mail then goes to that person: a name would carry whatever text the sender chose."""
    return user.email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        remember_language(request, response, user.preferred_language)
        return response

    def send_mail(self, template_prefix, email, context):
        # Render in the recipient's language when we know them.
        person = Person.objects.filter(email__iexact=email).only("preferred_language").first()
        language = person.preferred_language if person else translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            alternatives=[list(a) for a in getattr(message, "alternatives", [])],
        )
