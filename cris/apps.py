from django.apps import AppConfig


class CrisConfig(AppConfig):
    name = "cris"
    verbose_name = "CRIS"

    def ready(self):
        from cris import keuzes

        keuzes.installeren()
