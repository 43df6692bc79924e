import pytest
from django.apps import apps
from django.contrib import admin

from tests.factories import UserFactory

PRODUCT_APPS = {"accounts", "matching", "mentoring"}


def product_models():
    return [m for m in apps.get_models() if m._meta.app_label in PRODUCT_APPS]


def test_every_product_model_is_registered_and_searchable():
    for model in product_models():
        assert admin.site.is_registered(model), model
        assert admin.site._registry[model].search_fields, f"{model} has no search"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", product_models(), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_changelist_and_search_load(client, model, mentee, coordinator):
    client.force_login(UserFactory(email="ops@example.org", is_staff=True, is_superuser=True))
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert client.get(base).status_code == 200
    assert client.get(base, {"q": "example"}).status_code == 200
