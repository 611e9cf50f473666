"""Every page of the platform."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

# The admin login goes through allauth: same throttling, same two-factor step.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Tremplin administration")
admin.site.site_title = _("Tremplin administration")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", include("tremplin.home.urls")),
    path("", include("tremplin.accounts.urls")),
    path("", include("tremplin.programmes.urls")),
    path("", include("tremplin.applications.urls")),
    path("", include("tremplin.messaging.urls")),
    path("selection/", include("tremplin.selection.urls")),
    path("innovations/", include("tremplin.catalogue.urls")),
    path("acceleration/", include("tremplin.acceleration.urls")),
    path("network/", include("tremplin.network.urls")),
    path("", include("tremplin.catalogue.sitemaps")),
    path("account/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "tremplin.core.views.bad_request"
handler403 = "tremplin.core.views.permission_denied"
handler404 = "tremplin.core.views.page_not_found"
handler429 = "tremplin.core.views.too_many_requests"
