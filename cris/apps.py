from django.apps import AppConfig


class CrisConfig(AppConfig):
    name = "cris"
    verbose_name = "CRIS"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from cris import keuzes

        keuzes.installeren()
        # Every process knows every task by name, as the worker does: a web process that queues a task of a
        # higher layer by name (aanmelding → koppelingen.bsn) must find it in the registry, and eager mode
        # runs it in-process.
        autodiscover_modules("tasks")
