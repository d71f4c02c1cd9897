"""expensecli: check NTNU expense claims written as YAML against the policy and rate sheets."""

__version__ = "0.1.0"
