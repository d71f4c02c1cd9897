"""The command line: thin commands over the loader, the engine and the renderers."""
