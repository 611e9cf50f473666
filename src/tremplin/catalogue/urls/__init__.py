"""The catalogue's URLs, mounted at /innovations/ under the namespace "catalogue"; one module
per part (discovery, submission, moderation, follows, reports, replication, open data,
contact)."""

from . import contact, discovery, follows, moderation, opendata, replication, reports, submission

app_name = "catalogue"

urlpatterns = [
    *opendata.urlpatterns,
    *submission.urlpatterns,
    *moderation.urlpatterns,
    *follows.urlpatterns,
    *reports.urlpatterns,
    *replication.urlpatterns,
    *contact.urlpatterns,
    *discovery.urlpatterns,  # last: it holds the /<slug>/ pattern
]
