"""``python -m sitroom`` runs the CLI."""

from sitroom.cli.app import main

main()
