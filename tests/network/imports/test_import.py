"""Importing sites from CSV and XLSX: the dry run changes nothing and says what would be added,
changed and rejected (row and reason); one bad row and the real import changes nothing;
updates by code; hostile files (wrong encoding, formulas, huge files) refused clearly."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from tests import zip_samples
from tests.conftest import make_person
from tremplin.core.history import history_of
from tremplin.network import importing
from tremplin.network.models import ExperimentationSite, SiteImport
from tremplin.network.services import imports as services

from ..conftest import make_site

HEADER = "code;kind;name;department;region;town;postal_code;business_lines;capacity;willing_to_host;contact_email"
GOOD = [
    "UL-06-001;local_unit;Unité locale de Nice;06;FR-PAC;Nice;06000;emergency|volunteering;2;oui;",
    "ET-33-004;établissement;EHPAD Les Pins;33;;Bordeaux;33000;Personnes âgées;1;no;",
]


def csv_bytes(*rows, header=HEADER, encoding="utf-8"):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


@pytest.fixture
def staff(db):

    return make_person("staff-import@example.org", roles=["staff"], full_name="Sophie")


def test_dry_run_reports_and_writes_nothing(staff):
    site_import = services.upload("sites.csv", csv_bytes(*GOOD), staff)
    report = site_import.report
    assert [row["code"] for row in report["added"]] == ["UL-06-001", "ET-33-004"]
    assert report["rejected"] == [] and report["changed"] == []
    assert not ExperimentationSite.objects.exists()
    services.apply(site_import, staff)
    nice = ExperimentationSite.objects.get(code="UL-06-001")
    assert nice.region.code == "FR-PAC" and nice.capacity == 2 and nice.willing_to_host
    assert sorted(nice.business_lines.values_list("code", flat=True)) == [
        "emergency",
        "volunteering",
    ]
    pins = ExperimentationSite.objects.get(code="ET-33-004")
    assert pins.kind == "establishment" and pins.region.code == "FR-NAQ"
    assert not pins.willing_to_host
    assert list(pins.business_lines.values_list("code", flat=True)) == ["elderly"]
    assert site_import.state == SiteImport.State.APPLIED
    entry = history_of(site_import).get()
    assert entry.action == "sites_imported" and entry.data["added"] == 2


def test_one_bad_row_changes_nothing_and_says_which_row_and_why(staff):
    make_site("Existant", "06", code="UL-06-001", capacity=1)
    rows = [
        "UL-06-001;local_unit;Unité locale de Nice;06;FR-PAC;Nice;06000;emergency;3;oui;",
        "ET-33-004;local_unit;EHPAD;33;FR-PAC;Bordeaux;33000;elderly;deux;oui;",
        "ET-99-001;local_unit;Nulle part;99;;X;;licornes;1;peut-être;",
        "UL-06-001;local_unit;Doublon;06;;Nice;;;1;oui;",
    ]
    site_import = services.upload("sites.csv", csv_bytes(*rows), staff)
    rejected = {row["row"]: " / ".join(row["reasons"]) for row in site_import.report["rejected"]}
    assert set(rejected) == {3, 4, 5}
    assert "department 33 is not in region FR-PAC" in rejected[3]
    assert "capacity “deux” is not a whole number" in rejected[3]
    assert "unknown department “99”" in rejected[4]
    assert "unknown business lines: licornes" in rejected[4]
    assert "neither yes nor no" in rejected[4]
    assert "the code UL-06-001 is already on row 2" in rejected[5]
    with pytest.raises(services.Rejected):
        services.apply(site_import, staff)
    site = ExperimentationSite.objects.get(code="UL-06-001")
    assert site.capacity == 1 and site.name == "Existant"  # row 2 was valid, yet not applied
    assert ExperimentationSite.objects.count() == 1
    assert SiteImport.objects.get().state == SiteImport.State.CHECKED


def test_update_by_code_reports_each_changed_field(staff):
    site = make_site(
        "Unité locale de Nice", "06", code="UL-06-001", capacity=1, lines=["emergency"]
    )
    rows = ["code;capacity;business_lines;address", "UL-06-001;3;emergency|food-aid;2 rue Droite"]
    site_import = services.upload("update.csv", "\n".join(rows).encode(), staff)
    (changed,) = site_import.report["changed"]
    fields = {change["field"]: (change["old"], change["new"]) for change in changed["fields"]}
    assert fields["experiments it can host at once"] == ("1", "3")
    assert fields["address"] == ("—", "2 rue Droite")
    assert fields["business lines"] == (
        "Emergency and first aid",
        "Food aid, Emergency and first aid",
    )
    services.apply(site_import, staff)
    site.refresh_from_db()
    assert (
        site.capacity == 3
        and site.address == "2 rue Droite"
        and site.name == "Unité locale de Nice"
    )
    again = services.upload("update.csv", "\n".join(rows).encode(), staff)
    assert again.report["unchanged"] == 1 and not again.report["changed"]


def test_a_dash_clears_and_an_email_links_the_account(staff):

    contact = make_person("marc@example.org", full_name="Marc")
    make_site("Nice", "06", code="UL-06-001").__class__.objects.filter(code="UL-06-001").update(
        address="Ancienne adresse"
    )
    rows = ["code;address;contact_email", "UL-06-001;-;Marc@Example.org"]
    services.apply(services.upload("c.csv", "\n".join(rows).encode(), staff), staff)
    site = ExperimentationSite.objects.get(code="UL-06-001")
    assert (
        site.address == "" and site.contact == contact and site.contact_email == "marc@example.org"
    )


def test_a_new_site_needs_its_required_columns(staff):
    rows = ["code;name", "NEW-1;Sans département"]
    report = services.upload("n.csv", "\n".join(rows).encode(), staff).report
    assert "a new site needs kind, department, town" in report["rejected"][0]["reasons"][0]


def test_xlsx_import(staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Code", "Type", "Nom", "Département", "Commune", "Métiers", "Capacité", "Volontaire"]
    )
    sheet.append(
        ["UL-13-002", "Unité locale", "Unité locale d'Aix", 13, "Aix", "emergency", 2, True]
    )
    sheet.append(
        ["UL-06-003", "local_unit", "Unité locale d'Antibes", 6, "Antibes", None, 1.0, "non"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    site_import = services.upload("sites.xlsx", buffer.getvalue(), staff)
    assert site_import.report["rejected"] == []
    services.apply(site_import, staff)
    assert ExperimentationSite.objects.get(code="UL-06-003").department.code == "06"
    assert ExperimentationSite.objects.get(code="UL-13-002").capacity == 2


def test_xlsx_formula_cells_are_refused(staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "kind", "name", "department", "town", "capacity"])
    sheet.append(["UL-13-002", "local_unit", "Aix", "13", "Aix", "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = services.upload("sites.xlsx", buffer.getvalue(), staff).report
    (row,) = report["rejected"]
    assert row["row"] == 2 and "cell F2 is a formula (=1+1)" in row["reasons"][0]


def test_csv_formula_cells_are_refused(staff):
    rows = ["code;kind;name;department;town", 'UL-1;local_unit;=HYPERLINK("x");13;Aix']
    report = services.upload("f.csv", "\n".join(rows).encode(), staff).report
    assert "cell C2 looks like a formula" in report["rejected"][0]["reasons"][0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin.csv", csv_bytes(*GOOD, encoding="latin-1"), "not encoded in UTF-8 (line 2"),
        ("utf16.csv", csv_bytes(*GOOD, encoding="utf-16"), "not text encoded in UTF-8"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "not a valid XLSX"),
        ("sites.ods", b"x", "Send a .csv or .xlsx file"),
        ("empty.csv", b"", "This file is empty"),
        ("header.csv", HEADER.encode(), "no site"),
        ("columns.csv", b"code;colour\nA;red\n", "Unknown columns: colour"),
        ("nocode.csv", b"name;town\nA;B\n", "The column “code” is missing"),
    ],
)
def test_unreadable_files_are_refused_clearly(staff, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.upload(name, content, staff)
    assert message in " ".join(error.value.messages)
    assert not SiteImport.objects.exists()


def test_huge_files_are_refused(staff, monkeypatch):
    with pytest.raises(ValidationError, match="too large"):
        services.upload("big.csv", b"code\n" + b"x" * importing.MAX_BYTES, staff)
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    with pytest.raises(ValidationError, match="more than 3 rows"):
        services.upload("many.csv", csv_bytes(*GOOD, *GOOD), staff)


def test_zip_bombs_are_refused(staff, monkeypatch):
    workbook = Workbook()
    workbook.active.append(["code"])
    for n in range(2000):
        workbook.active.append([f"CODE-{n}" * 10])
    buffer = io.BytesIO()
    workbook.save(buffer)
    monkeypatch.setattr(importing, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(ValidationError, match="too large once opened"):
        services.upload("bomb.xlsx", buffer.getvalue(), staff)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # A genuine workbook carrying 64 MiB of zeros in one KB per MiB.
        (zip_samples.zeros_member("xl/media/image1.png", 64), "far more than its own size"),
        # A member declaring 10 bytes that inflates to 256 MiB.
        (zip_samples.lying_member("xl/media/image1.png", 256), "damaged"),
    ],
    ids=["bomb", "lying"],
)
def test_hostile_spreadsheets_are_refused_in_bounded_memory(client, staff, extra, expected):
    workbook = zip_samples.with_members(
        zip_samples.xlsx([HEADER.split(";"), GOOD[0].split(";")]), [extra]
    )
    client.force_login(staff)
    client.get(reverse("network:import"))  # the page's own first loads are not counted
    upload = io.BytesIO(workbook)
    upload.name = "sites.xlsx"
    with zip_samples.memory_peak() as memory:
        response = client.post(reverse("network:import"), {"file": upload})
    assert memory["peak"] < 20 * 1024 * 1024
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not SiteImport.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(staff):
    with pytest.raises(ValidationError, match="not a valid XLSX"):
        services.upload("sites.xlsx", zip_samples.docx(), staff)
    with pytest.raises(ValidationError, match=r"a spreadsheet saved with a \.csv name"):
        services.upload("sites.csv", zip_samples.xlsx(), staff)


def test_the_pages_upload_review_confirm(client, staff):
    client.force_login(staff)
    upload = io.BytesIO(csv_bytes(*GOOD))
    upload.name = "sites.csv"
    response = client.post(reverse("network:import"), {"file": upload})
    site_import = SiteImport.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Confirm the import" in page and "UL-06-001" in page
    assert not ExperimentationSite.objects.exists()
    response = client.post(reverse("network:import_review", args=[site_import.pk]))
    assert response.status_code == 302
    assert ExperimentationSite.objects.count() == 2
    response = client.post(reverse("network:import_review", args=[site_import.pk]))
    assert response.status_code == 400  # applied once only


def test_the_upload_page_shows_the_files_problem(client, staff):
    client.force_login(staff)
    upload = io.BytesIO(b"\xff\xfe\x00x")
    upload.name = "sites.csv"
    response = client.post(reverse("network:import"), {"file": upload})
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    response = client.get(reverse("network:import_model"))
    assert response.status_code == 200 and b"code;kind;name" in response.content
