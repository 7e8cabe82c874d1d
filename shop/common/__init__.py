"""The one shared library of every AstroShop service."""
