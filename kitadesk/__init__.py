"""KitaDesk – Kindertagespflege der Stadt Moers."""

__version__ = "0.1.0"
