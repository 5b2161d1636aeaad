from django.urls import path

from documenten import views

app_name = "documenten"
urlpatterns = [
    path("<int:casus_pk>/documenten/nieuw/", views.document_toevoegen, name="toevoegen"),
    path("<int:casus_pk>/documenten/<int:pk>/", views.document_detail, name="detail"),
    path("<int:casus_pk>/documenten/<int:pk>/versie/", views.versie_toevoegen, name="versie"),
    path("<int:casus_pk>/documenten/<int:pk>/status/", views.status_wijzigen, name="status"),
    path("<int:casus_pk>/documenten/<int:pk>/delen/", views.document_delen, name="delen"),
    path("<int:casus_pk>/documenten/<int:pk>/versies/<int:versie_pk>/", views.downloaden, name="downloaden"),
    path("<int:casus_pk>/brief/", views.brief_maken, name="brief"),
    path("<int:casus_pk>/email/", views.email_maken, name="email"),
]
