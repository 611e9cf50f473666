"""What the browser tests do the way a person would: sign in through the form, switch the
language with the switcher, read the page."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings

import tremplin
from tremplin.demo.dataset import DEMO_ACCOUNTS, DEMO_PASSWORD

APPLICANT = dict(DEMO_ACCOUNTS)["applicant"]
CATALOGUES = Path(tremplin.__file__).resolve().parent / "locale"


def sign_in(page, base_url: str, email: str = APPLICANT, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/account/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert signed_in(page), f"signing in as {email} failed: still on {page.url}"


def signed_in(page) -> bool:
    return page.locator("form[action$='/account/logout/'] button").count() == 1


def sign_out(page) -> None:
    with page.expect_navigation():
        page.locator("form[action$='/account/logout/'] button").click()
    assert not signed_in(page)


def choose_language(page, code: str) -> None:
    """Press the language switcher's button for `code` (a form post, then back to the page)."""
    with page.expect_navigation():
        page.locator(f".language-switcher button[value='{code}']").click()


def html_language(page) -> tuple[str | None, str | None]:
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


# Text deliberately in another language is marked with its own `lang` (the switcher names each
# language in itself; translated content falling back to another language says so): hide it,
# read what is left as a reader sees it, then put the page back.
VISIBLE_TEXT_IN_PAGE_LANGUAGE = """(language) => {
  const hidden = [];
  for (const el of document.body.querySelectorAll("[lang]")) {
    const lang = el.getAttribute("lang").toLowerCase();
    if (lang !== language && !lang.startsWith(language + "-")) {
      hidden.push([el, el.getAttribute("style")]);
      el.style.setProperty("display", "none", "important");
    }
  }
  const text = document.body.innerText;
  for (const [el, style] of hidden) {
    if (style === null) el.removeAttribute("style"); else el.setAttribute("style", style);
  }
  return text;
}"""

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _pattern(msgid: str) -> re.Pattern | None:
    parts = PLACEHOLDER.split(" ".join(msgid.split()))
    if not any(re.search(r"[^\W\d_]", part) for part in parts):
        return None  # nothing but placeholders and punctuation
    body = r".+?".join(r"\s+".join(map(re.escape, part.split(" "))) for part in parts)
    # Whole words only, and not inside an e-mail address or a path.
    return re.compile(rf"(?<![\w@./-]){body}(?![\w@/-])(?!\.\w)")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.po"))


def _translations(entry: polib.POEntry) -> set[str]:
    if entry.obsolete or not entry.translated():
        return set()
    return {" ".join(t.split()) for t in [entry.msgstr, *entry.msgstr_plural.values()] if t}


@cache
def interface_strings(language: str) -> dict[str, re.Pattern]:
    """What a reader of `language` must not see: for every message of our catalogue, its
    English original and, since Django falls back to the default language (French) for a
    message missing in another language, its French translation; except where the `language`
    translation is the same text (a name, an acronym). Each with a pattern finding it in a
    page's text, keyed by a description for the failure report."""
    default = {entry.msgid: entry for entry in _catalogue(settings.LANGUAGE_CODE)}
    strings = {}
    for entry in _catalogue(language):
        if entry.obsolete:
            continue
        own = _translations(entry)
        shown_instead = {msgid: repr(msgid) for msgid in (entry.msgid, entry.msgid_plural) if msgid}
        if entry.msgid in default:
            for french in _translations(default[entry.msgid]):
                shown_instead.setdefault(french, f"{entry.msgid!r} (shown in French: {french!r})")
        for text, description in shown_instead.items():
            if " ".join(text.split()) in own:
                continue
            pattern = _pattern(text)
            if pattern is not None:
                strings[description] = pattern
    return strings


def untranslated_strings(page, language: str, data: tuple[str, ...] = ()) -> list[str]:
    """Interface messages that show untranslated (English, or French by fallback) in the
    page's visible text. `data` are texts the page shows as they are (a person's name), left
    out in case a message happens to be the same text (a sample name, say)."""
    text = page.evaluate(VISIBLE_TEXT_IN_PAGE_LANGUAGE, language)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    text = " ".join(text.replace("\u00a0", " ").split())
    return sorted(
        description
        for description, pattern in interface_strings(language).items()
        if pattern.search(text)
    )


def catalogue_progress(language: str) -> str:
    catalogue = _catalogue(language)
    return (
        f"the {language!r} catalogue translates {len(catalogue.translated_entries())} of "
        f"{len([e for e in catalogue if not e.obsolete])} messages"
    )
