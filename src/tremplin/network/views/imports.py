"""Pages of the import of sites: upload (the dry run is made at once), the report, confirm;
and the model file to fill."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import importing
from ..forms import ImportForm
from ..models import SiteImport
from ..services import imports as services


@permission_required("network.import_sites")
def upload(request):
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                site_import = services.upload(upload.name, upload.read(), request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect("network:import_review", pk=site_import.pk)
        status = 400
    else:
        form = ImportForm()
    return render(
        request,
        "network/imports/import_upload.html",
        {
            "form": form,
            "recent": SiteImport.objects.select_related("uploaded_by").defer("content")[:10],
            "columns": importing.COLUMNS,
        },
        status=status,
    )


@permission_required("network.import_sites")
def review(request, pk):
    site_import = get_object_or_404(SiteImport.objects.select_related("uploaded_by"), pk=pk)
    status = 200
    if request.method == "POST":
        try:
            report = services.apply(site_import, request.user)
        except services.Rejected:
            messages.error(
                request,
                _(
                    "Some rows are rejected (the sites changed since the check?): nothing was imported."
                ),
            )
            status = 400
        except ValidationError as error:
            refusal_into(request, error)
            status = 400
        else:
            messages.success(
                request,
                _("Imported: %(added)d sites added, %(changed)d changed.")
                % {"added": len(report["added"]), "changed": len(report["changed"])},
            )
            return redirect("network:import_review", pk=site_import.pk)
    return render(
        request,
        "network/imports/import_review.html",
        {"site_import": site_import, "report": site_import.report},
        status=status,
    )


@permission_required("network.import_sites")
def model_file(request):
    """A CSV with the columns and two example rows, to fill in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(importing.COLUMNS)
    writer.writerow(
        [
            "UL-13-001",
            "local_unit",
            "Unité locale de Marseille",
            "FR-PAC",
            "13",
            "Marseille",
            "13001",
            "1 rue de la République",
            "emergency|volunteering",
            "2",
            "yes",
            "Marc Petit",
            "marc.petit@example.org",
            "+33 4 91 00 00 00",
        ]
    )
    writer.writerow(
        [
            "ET-06-014",
            "establishment",
            "EHPAD Les Tilleuls",
            "FR-PAC",
            "06",
            "Nice",
            "06000",
            "",
            "elderly|health-social",
            "1",
            "no",
            "",
            "",
            "",
        ]
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sites-model.csv"'
    return response
