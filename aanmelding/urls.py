from django.urls import path

from aanmelding import views

app_name = "aanmelding"
urlpatterns = [
    path("nieuw/", views.aanmelding_nieuw, name="nieuw"),
    path("beoordelen/", views.beoordelen, name="beoordelen"),
    path("<int:pk>/", views.aanmelding_detail, name="detail"),
    path("<int:pk>/goedkeuren/", views.aanmelding_goedkeuren, name="goedkeuren"),
    path("<int:pk>/afkeuren/", views.aanmelding_afkeuren, name="afkeuren"),
    path("<int:pk>/samenvoegen/", views.aanmelding_samenvoegen, name="samenvoegen"),
    path("<int:pk>/gebeurtenis/", views.aanmelding_gebeurtenis, name="gebeurtenis"),
    path("<int:pk>/online-aanbod/", views.aanmelding_online_aanbod, name="online_aanbod"),
    path("lopende-casus/<int:casus_pk>/", views.gesprek_op_lopende_casus, name="lopende_casus"),
]
