"""Running a check: the batch (in this process or in worker processes), the spool a streamed
check goes through, signals and defects contained, and the ledger."""
