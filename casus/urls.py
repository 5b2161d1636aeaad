from django.urls import path

from casus import samenvoegen_views, views

app_name = "casus"
urlpatterns = [
    path("casussen/<int:pk>/", views.casus_detail, name="detail"),
    path("clienten/<int:pk>/", views.client_detail, name="client"),
    path("clienten/samenvoegen/", samenvoegen_views.samenvoegen_pagina, name="samenvoegen"),
    path(
        "clienten/samenvoegen/<int:entry_id>/ongedaan/",
        samenvoegen_views.samenvoegen_ongedaan,
        name="samenvoegen_ongedaan",
    ),
]
