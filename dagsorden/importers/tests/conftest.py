import pytest

from dagsorden.importers import kl_text
from dagsorden.lib.seeds import seed_agenda


@pytest.fixture(scope="session")
def seed_path():
    path = seed_agenda()
    if path is None:
        pytest.skip("the seed agenda (../shared/seeds) is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seed(seed_path):
    return kl_text.parse(seed_path.read_bytes(), str(seed_path))
