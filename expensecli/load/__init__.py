"""Reading files: claim files (text within limits, YAML with every value located), rate sheets
and their cache, the attachments a claim names, the configuration file."""
