from django.urls import path

from schoning import views

app_name = "schoning"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("<int:pk>/", views.selectie, name="selectie"),
    path("<int:pk>/voortgang/", views.voortgang, name="voortgang"),
    path("<int:pk>/aanbieden/", views.aanbieden, name="aanbieden"),
    path("<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("<int:pk>/items/<int:item>/uitzonderen/", views.uitzonderen, name="uitzonderen"),
]
