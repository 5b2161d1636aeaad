from django.urls import path

from rapportage import views

app_name = "rapportage"
urlpatterns = [
    path("", views.dashboard, name="productie"),
    path("export.<str:formaat>", views.export, name="export"),
    path("management/", views.management, name="management"),
    path("clienten/<int:pk>/dossier/", views.dossier, name="dossier"),
]
