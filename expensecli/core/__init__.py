"""The bottom layer: locations in a file, findings and severities, exact values, escaping, and
the language of the output. It imports nothing of the program."""
