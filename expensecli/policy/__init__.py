"""The engine: one function per rule code, registered with its code, severity, title and the
policy sentence it rests on. It knows no YAML, no terminal and no files."""
