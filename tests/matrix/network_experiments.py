"""The experimentation network's pages. A project whose referent is the referent's person,
mentor the mentor's, team the applicant's; a site whose contact is the site contact's person,
with an experiment proposed there. Staff (and admins) see and manage everything; the site's
contact sees and answers the experiments proposed to their site; the project's referent,
mentor and team see its experiments. Those who see a site, an experiment or a project but may
not do something with it get 403; everybody else signed in gets 404, as if it did not exist;
the staff pages without an object are refused (403); anonymous visitors sign in."""

from django.urls import reverse

from .base import ADMIN_ACCESS, REDIRECT, Case, by_name, on_object, signed_in, staff_only

FOLLOWERS = {"referent", "mentor", "applicant"}


def extend_objects(objects, people):
    from tremplin.acceleration.models import LaureateProject
    from tremplin.network.models import Experiment, ExperimentationSite, SiteImport
    from tremplin.programmes.models import Programme, Season
    from tremplin.reference.models import Department

    department = Department.objects.get(code="06")
    site = ExperimentationSite.objects.create(
        code="UL-06-MATRIX",
        kind="local_unit",
        name="Unité locale de Nice",
        region=department.region,
        department=department,
        town="Nice",
        capacity=2,
        contact=people["site_contact"],
    )
    other_site = ExperimentationSite.objects.create(
        kind="establishment",
        name="EHPAD Les Tilleuls",
        region=department.region,
        department=department,
        town="Nice",
    )
    programme = Programme.objects.first()
    season = Season.objects.first()
    project = LaureateProject.objects.create(
        name="Réseau matrice",
        slug="reseau-matrice",
        pitch={"fr": "x"},
        season=season,
        programme=programme,
        track="entrepreneur",
        region=department.region,
        starts_on=season.opened_on,
        ends_on=season.opened_on,
        referent=people["referent"],
    )
    project.mentors.set([people["mentor"]])
    project.team.set([people["applicant"]])
    experiment = Experiment.objects.create(project=project, site=site, proposed_by=people["staff"])
    site_import = SiteImport.objects.create(
        filename="sites.csv",
        content=b"code;capacity\nUL-06-MATRIX;3\n",
        report={"rows": 1, "added": [], "changed": [], "unchanged": 0, "rejected": []},
    )
    objects["network"] = {
        "import": site_import,
        "site": site,
        "other_site": other_site,
        "project": project,
        "experiment": experiment,
    }


def _n(o):
    return o["network"]


SITE_SEERS = ADMIN_ACCESS | {"site_contact"}
EXPERIMENT_SEERS = ADMIN_ACCESS | FOLLOWERS | {"site_contact"}
PROJECT_SEERS = ADMIN_ACCESS | FOLLOWERS

_site_page = on_object(SITE_SEERS, SITE_SEERS)
_sees_experiment = on_object(EXPERIMENT_SEERS, EXPERIMENT_SEERS)
_sees_project = on_object(PROJECT_SEERS, PROJECT_SEERS)
# The site's contact and staff accept the proposal (then sent back to the experiment); the
# project's followers see it but may not answer.
_answers = on_object(SITE_SEERS, EXPERIMENT_SEERS, REDIRECT)
# Staff propose a site; the project's followers see the project but may not.
_proposes = on_object(ADMIN_ACCESS, PROJECT_SEERS)


CASES = [
    Case("network:directory", by_name("network:directory"), staff_only),
    Case("network:regions", by_name("network:regions"), staff_only),
    Case(
        "network:site",
        lambda o: reverse("network:site", kwargs={"pk": _n(o)["site"].pk}),
        _site_page,
    ),
    Case(
        "network:site_edit",
        lambda o: reverse("network:site_edit", kwargs={"pk": _n(o)["site"].pk}),
        _site_page,
    ),
    Case("network:experiments", by_name("network:experiments"), staff_only),
    Case("network:import", by_name("network:import"), staff_only),
    Case("network:import_model", by_name("network:import_model"), staff_only),
    Case(
        "network:import_review",
        lambda o: reverse("network:import_review", kwargs={"pk": _n(o)["import"].pk}),
        staff_only,
    ),
    Case("network:my_experiments", by_name("network:my_experiments"), signed_in),
    Case(
        "network:experiment",
        lambda o: reverse("network:experiment", kwargs={"pk": _n(o)["experiment"].pk}),
        _sees_experiment,
    ),
    Case(
        "network:experiment_report",
        lambda o: reverse("network:experiment_report", kwargs={"pk": _n(o)["experiment"].pk}),
        _answers,
    ),
    Case(
        "network:experiment_transition",
        lambda o: reverse(
            "network:experiment_transition",
            kwargs={"pk": _n(o)["experiment"].pk, "action": "accept"},
        ),
        _answers,
        method="post",
    ),
    Case(
        "network:project_experiments",
        lambda o: reverse("network:project_experiments", kwargs={"slug": _n(o)["project"].slug}),
        _sees_project,
    ),
    Case(
        "network:propose_site",
        lambda o: reverse(
            "network:propose_site",
            kwargs={"slug": _n(o)["project"].slug, "site_pk": _n(o)["other_site"].pk},
        ),
        _proposes,
    ),
]
