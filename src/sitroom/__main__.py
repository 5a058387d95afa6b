"""``python -m sitroom`` runs the CLI."""

from sitroom.cli import main

main()
