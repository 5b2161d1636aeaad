from django.urls import path

from werkstroom import views

app_name = "werkstroom"
urlpatterns = [
    path("", views.mijn_werk, name="mijn_werk"),
]
