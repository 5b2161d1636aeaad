"""cris.keuzes: the cached get_FOO_display gives exactly what Django's own gives, for every choice field."""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model

from cris import keuzes


def test_every_choice_label_is_what_django_gives():
    gecontroleerd = 0
    for model in apps.get_models():
        for field in model._meta.fields:
            if not field.choices:
                continue
            methode = model.__dict__.get(f"get_{field.name}_display")
            if not isinstance(methode, partialmethod):
                continue  # the model defines its own
            assert methode.func is keuzes._get_FIELD_display, f"{model.__name__}.{field.name} is not installed"
            for waarde in [*(k for k, _ in field.flatchoices), "onbekende-waarde", None]:
                obj = model()
                try:
                    setattr(obj, field.attname, waarde)
                except Exception:  # a field that refuses the value itself (a time zone field)
                    continue
                assert getattr(obj, f"get_{field.name}_display")() == keuzes._django_display(obj, field)
                gecontroleerd += 1
    assert gecontroleerd > 100


def test_django_own_method_is_kept_for_reference():
    assert keuzes._django_display is Model._get_FIELD_display
