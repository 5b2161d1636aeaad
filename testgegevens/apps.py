from django.apps import AppConfig


class TestdataConfig(AppConfig):
    """Production-volume test data for benchmarks and load tests (`manage.py genereer_testdata`)."""

    name = "testgegevens"
    label = "testdata"
    verbose_name = "Testgegevens"
