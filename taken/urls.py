from django.urls import path

from taken import verslag_views, views

app_name = "taken"
urlpatterns = [
    path("", views.werkstroom, name="werkstroom"),
    path("<int:pk>/", views.taak_detail, name="detail"),
    path("<int:pk>/oppakken/", views.taak_oppakken, name="oppakken"),
    path("<int:pk>/contact/", views.contact_vastleggen, name="contact"),
    path("<int:pk>/afronden/", views.taak_afronden, name="afronden"),
    path("<int:pk>/afbreken/", views.taak_afbreken, name="afbreken"),
    path("<int:pk>/heropenen/", views.taak_heropenen, name="heropenen"),
    path("<int:pk>/overdragen/", views.taak_overdragen, name="overdragen"),
    path("<int:pk>/verslag/concept/", verslag_views.concept_opslaan, name="verslag_concept"),
    path("<int:pk>/verslag/concept/weg/", verslag_views.concept_weggooien, name="verslag_concept_weg"),
    path("contact/<int:pk>/", verslag_views.verslag_bewerken, name="verslag_bewerken"),
]
