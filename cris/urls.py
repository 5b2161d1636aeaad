from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cris import views

urlpatterns = [
    path("", include("werkstroom.urls")),
    path("aanmeldingen/", include("aanmelding.urls")),
    path("werkstroom/", include("taken.urls")),
    path("leiding/", include("taken.leiding_urls")),
    path("zoeken/", include("zoeken.urls")),
    path("schoning/", include("schoning.urls")),
    path("", include("casus.urls")),
    path("casussen/", include("documenten.urls")),
    path("account/", include("cris.accounts.urls")),
    path("koppelingen/berichten/", include("koppelingen.berichten.urls")),
    path("api/v1/", include("koppelingen.partners.api.urls")),
    path("koppelingen/doorverwijzingen/", include("koppelingen.partners.urls")),
    path("notificaties/", include("cris.notificaties.urls")),
    path("gebeurtenissen/", include("gebeurtenissen.urls")),
    path("privacy/", include("cris.audit.urls")),
    path("diensten/", include("diensten.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("beheer/", admin.site.urls),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
]

handler400 = "cris.views.bad_request"
handler403 = "cris.views.permission_denied"
handler404 = "cris.views.page_not_found"
handler500 = "cris.views.server_error"

if settings.DEBUG:
    urlpatterns += [path("__fouten/<int:status>/", views.foutpagina_voorbeeld)]
