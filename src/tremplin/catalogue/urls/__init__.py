"""The catalogue's URLs, mounted at /innovations/ under the namespace "catalogue"; one module
per part (discovery, submission, moderation, open data, replication)."""

from . import discovery, moderation, opendata, replication, submission

app_name = "catalogue"

urlpatterns = [
    *opendata.urlpatterns,
    *submission.urlpatterns,
    *moderation.urlpatterns,
    *replication.urlpatterns,
    *discovery.urlpatterns,  # last: it holds the /<slug>/ pattern
]
