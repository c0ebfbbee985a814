"""slidegen: a static slide-deck generator for kiosk screens."""

__version__ = "0.1.0"
