from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import switch_language

# The admin signs in through allauth, so its rate limits guard the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Co-building Portal · administration")

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organizations/", include("branches.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("oversight.urls")),
    path("pairings/", include("pairings.urls")),
    path("activities/", include("activities.urls")),
    path("materials/", include("materials.urls")),
    path("news/", include("materials.news_urls")),
    path("i18n/setlang/", switch_language, name="set_language"),
    path("admin/", admin.site.urls),
]

