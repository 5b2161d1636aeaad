from django.urls import path

from taken import views

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
]
