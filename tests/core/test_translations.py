"""The interface is complete in French, Spanish and Arabic: every entry of our catalogues is
translated with the same placeholders, and the pages people meet ask no catalogue (ours,
Django's, allauth's) for a string it does not have."""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import trans_real

import tremplin
from tests.conftest import PASSWORD, make_person
from tremplin.acceleration.models import LaureateProject
from tremplin.accounts import services as account_services
from tremplin.accounts.models import Membership, Organisation, Role
from tremplin.network.models import ExperimentationSite
from tremplin.programmes.models import Audience, Call, Programme, Season
from tremplin.reference.models import Department

LOCALE_DIR = Path(tremplin.__file__).resolve().parent / "locale"
LANGUAGES = ["fr", "es", "ar"]
NPLURALS = {"fr": 2, "es": 2, "ar": 6}

# A translation identical to its English msgid is English left behind, unless listed here.
# Only texts of several words are checked: many single words are the same in French or
# Spanish ("Mentor", "Site", "Date"); Arabic is checked by test_arabic_text_is_arabic.
# A person's name stays as it is in every language: the sample name of message previews is
# also the demo applicant's.
IDENTICAL_OK = {
    "fr": {"Budget (euros)", "Camille Martin", "Version %(old)s → version %(new)s"},
    "es": {"Camille Martin"},
    "ar": {"Camille Martin"},
}

# Strings that Django's own catalogue lacks in a language (Django 5.2) and that our pages or
# the admin can show (the password validator's message on signup, the admin's password
# fields...): locale/upstream-gaps.<language>.po keeps them, and our catalogue must hold them.
# makemessages --no-obsolete drops them, since they are not in our code; the file says how to
# put them back.
UPSTREAM_GAPS = {
    path.name.split(".")[1]: path for path in sorted(LOCALE_DIR.glob("upstream-gaps.*.po"))
}

# Strings our pages ask for that no catalogue has in a language, and rightly so; each with
# why. Keep it short: a string belongs here only if it reads the same in every language.
RUNTIME_ALLOWED: dict[str, set[str]] = {"fr": set(), "es": set(), "ar": set()}

PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?(?P<type>[diouxXeEfFgGcrsa%])"
)
BRACES = re.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}")


def placeholders(text: str) -> tuple[Counter, list[str], Counter]:
    """Named %(x)s placeholders, positional %s/%d ones (in order), and {x} or {{ x }} tokens
    (a JavaScript template, a message template rendered by Django's template engine)."""
    named: Counter = Counter()
    positional: list[str] = []
    for match in PRINTF.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"]:
            named[match.group(0)] += 1
        else:
            positional.append(match.group(0))
    return named, positional, Counter(BRACES.findall(text))


def words(text: str) -> list[str]:
    """The words of a text, placeholders left out."""
    return re.findall(r"[^\W\d_]+", BRACES.sub(" ", PRINTF.sub(" ", text)))


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory):
    """Our .po files compiled to .mo in a temporary folder, as `tremplin demo` and `serve` do
    at start (pytest does not), without writing into the source tree."""
    target = tmp_path_factory.mktemp("locale")
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        destination = target / po_path.relative_to(LOCALE_DIR)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po_path, destination)
        polib.pofile(str(po_path)).save_as_mofile(str(destination.with_suffix(".mo")))
    # Changing LOCALE_PATHS empties Django's translation caches, before and after.
    with override_settings(LOCALE_PATHS=[target]):
        yield target


# (a) The catalogues themselves.


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    plural_forms = po.metadata["Plural-Forms"].replace(" ", "")
    assert f"nplurals={NPLURALS[language]};" in plural_forms


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_with_the_same_placeholders(language):
    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        where = f"{entry.msgid!r}"
        if entry.fuzzy:
            problems.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(NPLURALS[language])]
            if not all(forms):
                problems.append(f"untranslated plural form: {where}")
                continue
            named, positional, braces = placeholders(entry.msgid_plural)
            for index, form in enumerate(forms):
                form_named, form_positional, form_braces = placeholders(form)
                # A plural form may say "one" or "two" in words instead of the number (Arabic
                # does), so a named placeholder may be left out, but never added or changed.
                if not set(form_named) <= set(named) or form_positional != positional:
                    problems.append(f"placeholders differ in form {index}: {where} -> {form!r}")
                if form_braces != braces:
                    problems.append(f"{{}} tokens differ in form {index}: {where} -> {form!r}")
            if set(placeholders(forms[-1])[0]) != set(named):
                problems.append(f"the last plural form must show the number: {where}")
        else:
            if not entry.msgstr:
                problems.append(f"untranslated: {where}")
                continue
            if placeholders(entry.msgstr) != placeholders(entry.msgid):
                problems.append(f"placeholders differ: {where} -> {entry.msgstr!r}")
            if (
                entry.msgstr == entry.msgid
                and len(words(entry.msgid)) > 1
                and entry.msgid not in IDENTICAL_OK[language]
            ):
                problems.append(f"left in English: {where}")
    assert not problems, f"{language} catalogue:\n" + "\n".join(problems)


def test_the_allow_list_of_identical_translations_is_current():
    """An allowed identity that is no longer in the catalogue, or no longer identical, is
    stale: remove it so that the list stays short and true."""
    stale = []
    for language, allowed in IDENTICAL_OK.items():
        entries = {entry.msgid: entry.msgstr for entry in catalogue(language)}
        stale += [f"{language}: {msgid!r}" for msgid in allowed if entries.get(msgid) != msgid]
    assert not stale, "\n".join(stale)


def test_arabic_text_is_arabic():
    """An Arabic translation with no Arabic letter is a copy of the source or of another
    language (brand names and codes aside, which keep Arabic words around them)."""
    arabic = re.compile("[\u0600-\u06ff]")
    problems = []
    for entry in catalogue("ar"):
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if not words(entry.msgid) or entry.msgid in IDENTICAL_OK["ar"]:
            continue  # placeholders and punctuation only, or a name
        problems += [f"{entry.msgid!r} -> {text!r}" for text in texts if not arabic.search(text)]
    assert not problems, "\n".join(problems)


def test_the_upstream_gaps_are_known():
    assert sorted(UPSTREAM_GAPS) == ["ar"]
    assert len(polib.pofile(str(UPSTREAM_GAPS["ar"]))) > 0


@pytest.mark.parametrize("language", sorted(UPSTREAM_GAPS))
def test_strings_missing_upstream_are_supplied(language, compiled_locale):
    ours = {entry.msgid: entry for entry in catalogue(language) if entry.translated()}
    catalog = trans_real.translation(language)._catalog
    missing = [
        entry.msgid
        for entry in polib.pofile(str(UPSTREAM_GAPS[language]))
        if entry.msgid not in ours
        or (entry.msgid not in catalog and (entry.msgid, 0) not in catalog)
    ]
    assert not missing, (
        f"no {language} translation for these strings, which Django's catalogue lacks; put "
        f"them back as {UPSTREAM_GAPS[language].name} says:\n" + "\n".join(missing)
    )


# (b) The pages, rendered.


class MissedStrings:
    """Records each msgid that the active language's catalogue does not have, with the page
    that asked for it.

    It looks the msgid up in the active translation's own catalogue rather than comparing the
    output with the input: Spanish and Arabic fall back to French (the default language) for
    a missing string, which an output comparison would not notice, and a translation that is
    rightly identical to the source (e.g. "Mentor") is an entry in the catalogue."""

    def __init__(self):
        self.page: str | None = None
        self.missed: dict[str, set[str]] = defaultdict(set)

    def check(self, trans, message: str, plural: bool) -> None:
        if self.page is None or trans is not getattr(trans_real._active, "value", None):
            return
        language = trans.language()
        if language not in LANGUAGES or trans._catalog is None or not message:
            return
        found = (message, 0) in trans._catalog or (not plural and message in trans._catalog)
        if not found and message not in RUNTIME_ALLOWED[language]:
            self.missed[message.replace(trans_real.CONTEXT_SEPARATOR, " | ")].add(self.page)

    def install(self, monkeypatch):
        # pgettext and npgettext come through these two, with "context\x04msgid".
        gettext = trans_real.DjangoTranslation.gettext
        ngettext = trans_real.DjangoTranslation.ngettext
        recorder = self

        def recording_gettext(self, message):
            recorder.check(self, message, plural=False)
            return gettext(self, message)

        def recording_ngettext(self, msgid1, msgid2, n):
            recorder.check(self, msgid1, plural=True)
            return ngettext(self, msgid1, msgid2, n)

        monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", recording_gettext)
        monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", recording_ngettext)

    def report(self) -> str:
        lines = []
        for msgid, pages in sorted(self.missed.items()):
            shown = sorted(pages)[:3]
            more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
            lines.append(f"{msgid!r}  (on {', '.join(shown)}{more})")
        return "\n".join(lines)


@pytest.fixture
def recorder(monkeypatch, compiled_locale):
    recorder = MissedStrings()
    recorder.install(monkeypatch)
    return recorder


def visit(client, recorder, label, url, *, data=None, expect=(200,)):
    recorder.page = label
    try:
        if data is None:
            response = client.get(url, follow=True)
        else:
            response = client.post(url, data, follow=True)
    finally:
        recorder.page = None
    assert response.status_code in expect, f"{label}: {url} answered {response.status_code}"
    return response


def world(people):
    """A programme with open, coming and closed calls, a laureate project followed by the
    referent and mentor, a partner organisation, an experimentation site, a pending membership."""
    now = timezone.now()
    red_cross = Organisation.objects.create(
        name="Croix-Rouge française", kind=Organisation.Kind.NATIONAL_SOCIETY
    )
    foundation = Organisation.objects.create(
        name="Fondation Exemple", kind=Organisation.Kind.PARTNER
    )
    programme = Programme.objects.create(
        slug="intrapreneurs",
        name={"fr": "Programme intrapreneurs", "en": "Intrapreneur programme"},
        summary={"fr": "Pour les bénévoles et salariés."},
        description={"fr": "Six mois d'accompagnement."},
        audience=Audience.MEMBERS,
        thematic_focus={"fr": "Inclusion"},
        financial_package=Decimal("10000"),
        places=6,
    )
    programme.partners.add(foundation)
    seasons = [Season.objects.create(number=n, opened_on=date(2019 + n, 5, 21)) for n in (1, 2, 3)]
    calls = {}
    for season, (slug, opens, closes) in zip(
        seasons,
        [
            ("closed-call", now - timedelta(days=90), now - timedelta(days=30)),
            ("open-call", now - timedelta(days=10), now + timedelta(days=20)),
            ("coming-call", now + timedelta(days=30), now + timedelta(days=60)),
        ],
        strict=True,
    ):
        calls[slug] = Call.objects.create(
            programme=programme,
            season=season,
            slug=slug,
            title={"fr": f"Appel {slug}", "en": f"Call {slug}"},
            summary={"fr": "Résumé de l'appel."},
            opens_at=opens,
            closes_at=closes,
        )
    project = LaureateProject.objects.create(
        name="Minutis",
        slug="minutis",
        pitch={"fr": "Coordonner les opérations d'urgence."},
        season=seasons[0],
        programme=programme,
        track=LaureateProject.Track.INTRAPRENEUR,
        starts_on=date(2019, 9, 1),
        ends_on=date(2020, 3, 1),
        referent=people[Role.REFERENT],
    )
    project.mentors.add(people[Role.MENTOR])
    project.team.add(people[Role.APPLICANT])
    partner = people[Role.PARTNER]
    account_services.record_verified_affiliation(partner, foundation)
    department = Department.objects.select_related("region").first()
    ExperimentationSite.objects.create(
        kind=ExperimentationSite.Kind.LOCAL_UNIT,
        name="Unité locale de Montrouge",
        region=department.region,
        department=department,
        town="Montrouge",
        contact=people[Role.SITE_CONTACT],
    )
    volunteer = make_person("volunteer@example.org", full_name="Léa Fontaine")
    Membership.objects.create(
        person=volunteer,
        national_society=red_cross,
        status=Membership.Status.VOLUNTEER,
        identifier="CRF-31-007740",
    )
    return {"calls": calls, "red_cross": red_cross}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_ask_no_catalogue_for_a_missing_string(language, client, people_by_role, recorder):
    things = world(people_by_role)
    calls = things["calls"]

    # Anonymous visitors: the language comes from the cookie.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for label, url in [
        ("landing", reverse("home:home")),
        ("call list", reverse("programmes:call_list")),
        ("open call", calls["open-call"].get_absolute_url()),
        ("coming call", calls["coming-call"].get_absolute_url()),
        ("closed call", calls["closed-call"].get_absolute_url()),
        ("login", reverse("account_login")),
        ("signup", reverse("account_signup")),
        ("password reset", reverse("account_reset_password")),
        ("password reset done", reverse("account_reset_password_done")),
        (
            "password reset, bad key",
            reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "x-y"}),
        ),
    ]:
        visit(client, recorder, label, url)
    visit(client, recorder, "page not found", "/no-such-page/", expect=(404,))
    visit(
        client,
        recorder,
        "signup with errors",
        reverse("account_signup"),
        data={"full_name": "", "email": "not-an-address", "password1": "short", "password2": "x"},
    )
    visit(
        client,
        recorder,
        "signup",
        reverse("account_signup"),
        data={
            "full_name": "Nouvelle Personne",
            "email": f"new-{language}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # Six failed logins: a wrong password, then too many failures.
    for _attempt in range(6):
        visit(
            client,
            recorder,
            "failed login",
            reverse("account_login"),
            data={"login": "applicant@example.org", "password": "wrong password"},
        )
    # Five password resets a minute per address, then allauth's 429 page (ours).
    for _attempt in range(8):
        response = visit(
            client,
            recorder,
            "password reset sent, then rate limit",
            reverse("account_reset_password"),
            data={"email": "applicant@example.org"},
            expect=(200, 429),
        )
        if response.status_code == 429:
            break
    assert response.status_code == 429

    # Signed-in people: the language comes from their profile.
    for role, person in people_by_role.items():
        if person is None:
            continue
        person.preferred_language = language
        person.save()
        client.logout()
        client.force_login(person)
        visit(client, recorder, f"home ({role})", reverse("home:home"))

    applicant = people_by_role[Role.APPLICANT]
    client.logout()
    client.force_login(applicant)
    for label, url in [
        ("profile", reverse("accounts:profile")),
        ("membership declaration", reverse("accounts:declare_membership")),
        ("open call, signed in", calls["open-call"].get_absolute_url()),
        ("apply", reverse("applications:start", kwargs={"slug": "open-call"})),
        ("my applications", reverse("applications:mine")),
        ("my messages", reverse("messaging:inbox")),
        ("e-mail addresses", reverse("account_email")),
        ("password change", reverse("account_change_password")),
        ("two-factor", reverse("mfa_index")),
        ("two-factor activation", reverse("mfa_activate_totp")),
        ("reauthentication", reverse("account_reauthenticate")),
        ("sign out", reverse("account_logout")),
    ]:
        visit(client, recorder, label, url)
    visit(
        client,
        recorder,
        "staff page, refused",
        reverse("accounts:membership_queue"),
        expect=(403,),
    )
    visit(
        client,
        recorder,
        "profile saved",
        reverse("accounts:profile"),
        data={"full_name": "Camille Martin", "preferred_language": language},
    )
    visit(
        client,
        recorder,
        "membership declared",
        reverse("accounts:declare_membership"),
        data={
            "national_society": things["red_cross"].pk,
            "status": Membership.Status.EMPLOYEE,
            "identifier": f"CRF-{language}-1",
        },
    )
    visit(
        client,
        recorder,
        "membership declared twice",
        reverse("accounts:declare_membership"),
        data={
            "national_society": things["red_cross"].pk,
            "status": Membership.Status.EMPLOYEE,
            "identifier": f"CRF-{language}-2",
        },
    )

    staff = people_by_role[Role.STAFF]
    client.logout()
    client.force_login(staff)
    visit(client, recorder, "membership queue", reverse("accounts:membership_queue"))
    pending = Membership.objects.filter(state=Membership.State.PENDING).first()
    decide = reverse("accounts:decide_membership", kwargs={"pk": pending.pk})
    visit(client, recorder, "refusal without a reason", decide, data={"decision": "reject"})
    visit(client, recorder, "decision recorded", decide, data={"decision": "verify"})
    RecoveryCodes.activate(staff)
    visit(client, recorder, "recovery codes", reverse("mfa_view_recovery_codes"))
    visit(client, recorder, "two-factor, active", reverse("mfa_index"))

    assert EmailAddress.objects.filter(email=f"new-{language}@example.org").exists()
    assert not recorder.missed, (
        f"strings with no {language} translation in any catalogue:\n{recorder.report()}"
    )
