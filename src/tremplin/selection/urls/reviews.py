"""URLs of the selection committee: reviews."""

from django.urls import path

from ..views import reviews as views

urlpatterns = [
    path("", views.my_calls, name="my_calls"),
    path("calls/<slug:slug>/reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:assignment_pk>/", views.review, name="review"),
    path(
        "reviews/<int:assignment_pk>/files/<int:attachment_pk>/",
        views.review_attachment,
        name="review_attachment",
    ),
    path("calls/<slug:slug>/review-form/", views.review_form, name="review_form"),
    path(
        "calls/<slug:slug>/review-form/<int:criterion_pk>/",
        views.review_criterion_edit,
        name="review_criterion_edit",
    ),
    path(
        "calls/<slug:slug>/review-form/<int:criterion_pk>/delete/",
        views.review_criterion_delete,
        name="review_criterion_delete",
    ),
    path(
        "calls/<slug:slug>/review-form/<int:criterion_pk>/move/",
        views.review_criterion_move,
        name="review_criterion_move",
    ),
]
