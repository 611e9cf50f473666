from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("<slug:slug>/", views.call_detail, name="call_detail"),
]
