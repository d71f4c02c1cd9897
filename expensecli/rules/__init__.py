"""Rule modules by area; importing this package registers every rule in `registry`."""

from . import cost, documentation, file, money, status  # noqa: F401
