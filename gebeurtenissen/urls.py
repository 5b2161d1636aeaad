from django.urls import path

from gebeurtenissen import views

app_name = "gebeurtenissen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/casus-koppelen/", views.casus_koppelen, name="casus_koppelen"),
]
