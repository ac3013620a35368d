"""Browser tests (a package, so that its conftest.py and tests/conftest.py get distinct module
names when make test collects doctests with --doctest-modules)."""
