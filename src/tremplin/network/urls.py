"""Experimentation network pages: site directory, imports, matching, experiments."""

from django.urls import path

from .views import experiments, imports, sites

app_name = "network"
urlpatterns = [
    path("", sites.directory, name="directory"),
    path("regions/", sites.regions, name="regions"),
    path("sites/<int:pk>/", sites.site, name="site"),
    path("sites/<int:pk>/edit/", sites.edit, name="site_edit"),
    path("import/", imports.upload, name="import"),
    path("import/model.csv", imports.model_file, name="import_model"),
    path("import/<int:pk>/", imports.review, name="import_review"),
    path("experiments/", experiments.experiment_list, name="experiments"),
    path("experiments/mine/", experiments.my_experiments, name="my_experiments"),
    path("experiments/<int:pk>/", experiments.experiment, name="experiment"),
    path("experiments/<int:pk>/report/", experiments.report, name="experiment_report"),
    path(
        "experiments/<int:pk>/<slug:action>/",
        experiments.transition,
        name="experiment_transition",
    ),
    path("projects/<slug:slug>/", experiments.project_experiments, name="project_experiments"),
    path("projects/<slug:slug>/propose/<int:site_pk>/", experiments.propose, name="propose_site"),
]
