from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from koppelingen.partners.api import views

app_name = "api"
urlpatterns = [
    path("openapi.yaml", SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"),
    path("zelfaanmeldingen", views.ZelfaanmeldingView.as_view(), name="zelfaanmeldingen"),
    path("clientberichten", views.ClientberichtView.as_view(), name="clientberichten"),
    path("doorverwijzingstatussen", views.DoorverwijzingStatusView.as_view(), name="doorverwijzingstatussen"),
]
