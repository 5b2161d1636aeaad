from django.contrib.auth import views as auth_views
from django.urls import path

from cris.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestaps/", views.tweestaps_controle, name="tweestaps_controle"),
    path("tweestaps/instellen/", views.tweestaps_instellen, name="tweestaps_instellen"),
]
