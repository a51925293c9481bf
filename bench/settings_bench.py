"""Settings of the benchmark: the project's, plus a bare view as the latency baseline."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"
