"""Rule modules by area; importing this package registers every rule in `registry`."""

from expensecli.policy.rules import (
    catering,
    cost,
    deadlines,
    documentation,
    file,
    money,
    nonemployees,
    reimbursement,
    representation,
    status,
    travel,
)  # noqa: F401
