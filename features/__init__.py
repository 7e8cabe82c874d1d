"""AstroShop's executable specification: Gherkin features and their pytest-bdd steps."""
