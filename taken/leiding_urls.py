from django.urls import path

from taken import leiding_views as views

app_name = "leiding"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("teams/<int:team_pk>/", views.team, name="team"),
    path("gedeactiveerd/", views.wees, name="wees"),
    path("piket/", views.piketrooster, name="piket"),
    path("piket/<int:pk>/verwijderen/", views.piketdienst_verwijderen, name="piket_verwijderen"),
]
