from django.urls import path

from casus import views

app_name = "casus"
urlpatterns = [
    path("casussen/<int:pk>/", views.casus_detail, name="detail"),
    path("clienten/<int:pk>/", views.client_detail, name="client"),
]
