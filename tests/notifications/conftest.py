import pytest

from accounts.models import Program
from tests.factories import ProgramFactory


@pytest.fixture
def recovery_program(db):
    return ProgramFactory(
        name="Clean Start Recovery", slug="clean-start", kind=Program.Kind.RECOVERY
    )
