from django.contrib.auth import views as auth_views
from django.urls import path

from cris.accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestaps/", views.tweestaps_controle, name="tweestaps_controle"),
    path("tweestaps/instellen/", views.tweestaps_instellen, name="tweestaps_instellen"),
    path("activeren/<str:sleutel>/", views.activeren, name="activeren"),
    path("wachtwoord-vergeten/", views.wachtwoord_vergeten, name="wachtwoord_vergeten"),
    path("wachtwoord-herstellen/<str:sleutel>/", views.wachtwoord_herstellen, name="wachtwoord_herstellen"),
    path("wachtwoord-wijzigen/", views.wachtwoord_wijzigen, name="wachtwoord_wijzigen"),
    path("sso/", oidc.inloggen, name="sso"),
    path("sso/terug/", oidc.terug, name="sso_terug"),
]
