from django.urls import path

from aanmelding import views

app_name = "aanmelding"
urlpatterns = [
    path("nieuw/", views.aanmelding_nieuw, name="nieuw"),
    path("beoordelen/", views.beoordelen, name="beoordelen"),
    path("<int:pk>/", views.aanmelding_detail, name="detail"),
    path("<int:pk>/goedkeuren/", views.aanmelding_goedkeuren, name="goedkeuren"),
    path("<int:pk>/afkeuren/", views.aanmelding_afkeuren, name="afkeuren"),
]
