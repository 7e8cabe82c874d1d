"""Locust load for AstroShop: shoppers, an API user class, and the named load profiles."""
