from django.urls import path

from diensten import views

app_name = "diensten"
urlpatterns = [
    path("taak/<int:taak_pk>/", views.dienst_registreren, name="registreren"),
    path("taak/<int:taak_pk>/overdragen/", views.diensten_overdragen, name="overdragen"),
    path("<int:pk>/starten/", views.dienst_starten, name="starten"),
    path("<int:pk>/afronden/", views.dienst_afronden, name="afronden"),
    path("<int:pk>/afbreken/", views.dienst_afbreken, name="afbreken"),
    path("<int:pk>/heropenen/", views.dienst_heropenen, name="heropenen"),
    path("<int:pk>/tijd/", views.tijd_registreren, name="tijd"),
]
