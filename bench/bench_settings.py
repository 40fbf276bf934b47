"""Settings for bench/portal_rps.py: the product's settings, plus a URLconf with one
trivial view to compare the portal against. Never used by the product itself."""

from dagsorden.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
