"""Values every template needs: the language switcher and the direction of the text."""

from django.conf import settings
from django.utils import translation


def platform(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "PLATFORM_NAME": settings.TREMPLIN_PLATFORM_NAME,
        "DEMO": settings.DEMO,
        "TEXT_DIRECTION": "rtl" if translation.get_language_bidi() else "ltr",
        "CURRENT_LANGUAGE": language,
        # Each language is named in itself, so that a lost reader finds theirs.
        "LANGUAGE_CHOICES": [
            (code, translation.get_language_info(code)["name_local"])
            for code, _ in settings.LANGUAGES
        ],
    }
