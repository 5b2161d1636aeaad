from django.urls import path

from casus import samenvoegen_views, views

app_name = "casus"
urlpatterns = [
    path("casussen/<int:pk>/", views.casus_detail, name="detail"),
    path("casussen/<int:pk>/tijdlijn/", views.casus_tijdlijn, name="tijdlijn"),
    path("casussen/<int:pk>/betrokkenen/", views.casus_betrokkenen, name="betrokkenen"),
    path(
        "casussen/<int:pk>/betrokkenen/<int:betrokkene_pk>/verwijderen/",
        views.betrokkene_verwijderen_view,
        name="betrokkene_verwijderen",
    ),
    path("casussen/<int:pk>/taken/", views.casus_taken, name="taken"),
    path("casussen/<int:pk>/msh/", views.casus_msh, name="msh"),
    path("casussen/<int:pk>/juridisch/", views.casus_juridisch, name="juridisch"),
    path("casussen/<int:pk>/documenten/", views.casus_documenten, name="documenten"),
    path("casussen/<int:pk>/relateren/", views.casus_relateren, name="relateren"),
    path("casussen/<int:pk>/formulier/<slug:naam>/", views.casus_onderdeel, name="onderdeel"),
    path("casussen/<int:pk>/bewerken/", views.casus_bewerken, name="casus_bewerken"),
    path("clienten/<int:pk>/", views.client_detail, name="client"),
    path("clienten/<int:pk>/bewerken/", views.client_bewerken, name="client_bewerken"),
    path("clienten/<int:pk>/adressen/", views.adres_toevoegen, name="adres_toevoegen"),
    path("clienten/<int:pk>/adressen/<int:adres_pk>/", views.adres_wijzigen, name="adres_wijzigen"),
    path("clienten/<int:pk>/adressen/<int:adres_pk>/verwijderen/", views.adres_verwijderen, name="adres_verwijderen"),
    path("clienten/<int:pk>/bsn/", views.bsn_wijzigen, name="bsn"),
    path("clienten/samenvoegen/", samenvoegen_views.samenvoegen_pagina, name="samenvoegen"),
    path(
        "clienten/samenvoegen/<int:entry_id>/ongedaan/",
        samenvoegen_views.samenvoegen_ongedaan,
        name="samenvoegen_ongedaan",
    ),
    path("toegang/", views.toegang_overzicht, name="toegang"),
    path("toegang/aanvragen/", views.toegang_aanvragen, name="toegang_aanvragen"),
    path("toegang/nood/", views.noodtoegang, name="noodtoegang"),
    path("toegang/<int:pk>/besluiten/", views.toegang_besluiten, name="toegang_besluiten"),
    path("toegang/<int:pk>/intrekken/", views.toegang_intrekken, name="toegang_intrekken"),
    path("toegang/<int:pk>/beoordelen/", views.noodtoegang_beoordelen, name="noodtoegang_beoordelen"),
    path("tevredenheidsonderzoek/", views.tevredenheid_tellingen, name="tevredenheid"),
]
