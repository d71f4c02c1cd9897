"""Rule modules by area; importing this package registers every rule in `registry`."""

from . import catering, cateringlimits, cost, deadlines, documentation, file, money, nonemployees, reimbursement, representation, status, travel, waivers  # noqa: F401
