"""baogao's terminal UI. Importing this package does not import Textual (see cli.py)."""
