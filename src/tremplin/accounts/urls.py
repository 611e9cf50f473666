from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/membership/", views.declare_membership, name="declare_membership"),
    path("staff/memberships/", views.membership_queue, name="membership_queue"),
    path("staff/memberships/<int:pk>/decide/", views.decide_membership, name="decide_membership"),
]
