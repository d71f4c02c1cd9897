"""Rule modules by area, one function per code; the registry lists them (`registry.RULE_MODULES`)."""
