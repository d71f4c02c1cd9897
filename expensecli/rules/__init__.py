from . import cost, documentation, file, money, status  # noqa: F401
