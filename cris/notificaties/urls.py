from django.urls import path

from cris.notificaties import views

app_name = "notificaties"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
]
