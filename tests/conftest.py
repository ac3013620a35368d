"""Hypothesis settings for the whole suite.

Default profile "repeatable": the same examples on every run (derandomize), and no per-example
deadline (a loaded 2-core CI machine must not turn slowness into failures). For a wider search
locally: HYPOTHESIS_PROFILE=explore pytest tests

The references the tests share (the 18 typed pairs of the toy sentence, pairs counted by a
plain loop, softmax by a plain loop) live in tests/references.py: ``from references import``.
"""

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
