from django.urls import path

from koppelingen.partners import views

app_name = "doorverwijzingen"
urlpatterns = [
    path("casussen/<int:pk>/", views.casus_doorverwijzingen, name="casus"),
    path("casussen/<int:pk>/toestemmingen/", views.casus_toestemmingen, name="toestemmingen"),
]
