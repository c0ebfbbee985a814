"""`python -m slidegen` runs the command line."""

from slidegen.cli import main

main()
