from django.urls import path

from taken import verslag_views, views, views_werk

app_name = "taken"
urlpatterns = [
    path("", views.werkstroom, name="werkstroom"),
    path("filters/bewaren/", views.mijn_filters_bewaren, name="mijn_filters"),
    path("<int:pk>/", views.taak_detail, name="detail"),
    path("<int:pk>/oppakken/", views.taak_oppakken, name="oppakken"),
    path("<int:pk>/contact/", views.contact_vastleggen, name="contact"),
    path("<int:pk>/afronden/", views.taak_afronden, name="afronden"),
    path("<int:pk>/afbreken/", views.taak_afbreken, name="afbreken"),
    path("<int:pk>/heropenen/", views.taak_heropenen, name="heropenen"),
    path("<int:pk>/overdragen/", views.taak_overdragen, name="overdragen"),
    path("<int:pk>/formulier/<slug:naam>/", views_werk.onderdeel, name="onderdeel"),
    path("<int:pk>/verslag/concept/", verslag_views.concept_opslaan, name="verslag_concept"),
    path("<int:pk>/verslag/concept/weg/", verslag_views.concept_weggooien, name="verslag_concept_weg"),
    path("contact/<int:pk>/", verslag_views.verslag_bewerken, name="verslag_bewerken"),
    # Issue 7: distributing work (TAK-2/3/5/6/7/9) and the agenda (AGE-1).
    path("volgende/", views_werk.volgende, name="volgende"),
    path("<int:pk>/vervolgtaak/", views_werk.vervolgtaak, name="vervolgtaak"),
    path("<int:pk>/toewijzen/", views_werk.toewijzen, name="toewijzen"),
    path("<int:pk>/terugbelnotitie/", views_werk.terugbelnotitie, name="terugbelnotitie"),
    path("terugbelnotities/<int:notitie_pk>/afgehandeld/", views_werk.terugbelnotitie_afgehandeld, name="terugbel_af"),
    path("<int:pk>/kopieren/", views_werk.kopieren, name="kopieren"),
    path("<int:pk>/afspraak/", views_werk.afspraak, name="afspraak"),
    path("afspraken/<int:afspraak_pk>/verwijderen/", views_werk.afspraak_verwijderen, name="afspraak_verwijderen"),
    path("afspraken/<int:afspraak_pk>/verplaatsen/", views_werk.afspraak_verplaatsen, name="afspraak_verplaatsen"),
    path("agenda/", views_werk.agenda_week, name="agenda"),
    path("agenda/plannen/", views_werk.agenda_plannen, name="agenda_plannen"),
    path("agenda/agenda.ics", views_werk.agenda_ical, name="agenda_ical"),
]
