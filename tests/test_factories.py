"""Every model of accounts, matching, messaging, surveys, mentoring and reports has a
factory, and each factory builds a row the model's own validation (fields and constraints)
accepts."""

import factory
import pytest
from django.apps import apps

from tests import factories

APPS = (
    "accounts",
    "privacy",
    "matching",
    "messaging",
    "surveys",
    "mentoring",
    "reports",
    "mydata",
)

FACTORIES = {
    obj._meta.model: obj
    for obj in vars(factories).values()
    if isinstance(obj, type)
    and issubclass(obj, factory.django.DjangoModelFactory)
    and obj._meta.model is not None
}


def test_every_model_has_a_factory():
    models = [model for label in APPS for model in apps.get_app_config(label).get_models()]
    missing = [model.__name__ for model in models if model not in FACTORIES]
    assert not missing, f"add a factory to tests/factories.py for: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model_factory", FACTORIES.values(), ids=lambda f: f.__name__)
def test_a_factory_builds_a_valid_row(model_factory):
    row = model_factory()
    # "Who did it" links are SET_NULL when that person is deleted, so an empty one is valid
    # data even where a form would require it.
    unset_audit_links = [
        field.name
        for field in row._meta.concrete_fields
        if field.is_relation and field.null and getattr(row, field.attname) is None
    ]
    row.full_clean(exclude=unset_audit_links)
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["proposed", "paused", "ended"])
def test_pairing_traits_give_the_status_and_its_dates(trait):
    pairing = factories.PairingFactory(**{trait: True})
    pairing.full_clean(exclude=["proposed_by"])
    assert pairing.status == trait
    assert (pairing.activated_at is None) == (trait == "proposed")
    assert pairing.program_id == pairing.mentee.program_id == pairing.mentor.program_id
