from django.urls import path

from koppelingen.berichten import views

app_name = "berichten"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("voortgang/", views.voortgang, name="voortgang"),
    path("ontvangen/", views.ontvangen, name="ontvangen"),
    path("metriek/", views.metriek, name="metriek"),
]
