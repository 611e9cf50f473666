from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("profile/", views.profile, name="profile"),
    path("profile/membership/", views.declare_membership, name="declare_membership"),
    path("staff/memberships/", views.membership_queue, name="membership_queue"),
    path("staff/memberships/<int:pk>/decide/", views.decide_membership, name="decide_membership"),
    path("profile/affiliation/", views.declare_affiliation, name="declare_affiliation"),
    path(
        "profile/affiliation/<int:pk>/withdraw/",
        views.withdraw_affiliation,
        name="withdraw_affiliation",
    ),
    path("staff/affiliations/", views.affiliation_queue, name="affiliation_queue"),
    path(
        "staff/affiliations/<int:pk>/decide/", views.decide_affiliation, name="decide_affiliation"
    ),
]
