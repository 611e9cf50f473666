"""Builders for the submission tests: pictures made with Pillow (one with GPS EXIF), complete
drafts, selected applications."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tremplin.catalogue.models import Criterion, TargetPublic
from tremplin.catalogue.services import submission as services
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

ATTESTATIONS = {
    Criterion.NEED.value: "Older people living alone lack daily contact.",
    Criterion.INNOVATION.value: "Volunteers and neighbours share one planning tool.",
    Criterion.IMPACT.value: "Loneliness fell by a third in the pilot.",
    Criterion.STRATEGIC.value: "Fits the movement's priority on ageing.",
}


def picture(fmt="JPEG", size=(40, 30), *, gps=False, orientation=None, mode="RGB", name=None):
    """An uploaded picture; with gps=True, EXIF with a GPS position, a camera and an author."""
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None)
    out = io.BytesIO()
    params = {}
    if gps or orientation:
        exif = Image.Exif()
        if gps:
            exif[0x010F] = "PhoneMaker"  # Make
            exif[0x013B] = "Jane Photographer"  # Artist
            gps_ifd = {
                1: "N",
                2: (48.0, 51.0, 24.0),
                3: "E",
                4: (2.0, 21.0, 7.0),
            }
            exif[0x8825] = gps_ifd
        if orientation:
            exif[0x0112] = orientation
        params["exif"] = exif.tobytes()
    image.save(out, fmt, **params)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return SimpleUploadedFile(
        name or f"photo.{extension}", out.getvalue(), content_type=f"image/{extension}"
    )


def complete(version, owner):
    """Fill in everything a submission needs."""
    services.save_fields(
        version,
        owner,
        texts={
            "title": "Voisins solidaires",
            "pitch": "Des voisins rendent visite aux personnes âgées isolées.",
            "need": "L'isolement des personnes âgées.",
            "solution": "Un planning partagé de visites.",
            "value_proposition": "Les voisins et les bénévoles ensemble.",
            "results": "Moins de solitude.",
            "transfer_potential": "Toute ville.",
            "resources": "Deux bénévoles.",
        },
        values={
            "cost_range": "lt10k",
            "stage": "pilot",
            "country": "FR",
            "carrying_organisation": "Croix-Rouge française",
            "contact_name": "Awa",
            "contact_email": "awa@example.org",
        },
        publics=list(TargetPublic.objects.all()[:1]),
        themes=list(BusinessLine.objects.all()[:2]),
        sdgs=list(SustainableDevelopmentGoal.objects.filter(number__in=[3, 10])),
        attestations=dict(ATTESTATIONS),
    )
    services.save_figure(
        version,
        owner,
        {
            "label": "personnes visitées chaque semaine",
            "value": Decimal("120"),
            "unit": "personnes",
            "source": "Rapport annuel 2023",
            "measured_on": datetime.date(2023, 12, 31),
        },
    )
    version.refresh_from_db()
    return version
