from django.urls import path

from cris.audit import views

app_name = "audit"
urlpatterns = [
    path("inzage/", views.inzage_zoeken, name="inzage_zoeken"),
    path("inzage/clienten/<int:client_pk>/", views.inzage, name="inzage"),
]
