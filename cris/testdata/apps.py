from django.apps import AppConfig


class TestdataConfig(AppConfig):
    """Production-volume test data for benchmarks and load tests (`manage.py genereer_testdata`)."""

    name = "cris.testdata"
    label = "testdata"
    verbose_name = "Testgegevens"
