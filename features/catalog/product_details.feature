@catalog
Feature: Looking at one product
  Before buying, a shopper reads a product's page and is shown related gear.

  Background:
    Given the shop is open

  @api
  Scenario: A product's details match what the catalog lists
    When the shopper opens the first "telescopes" product
    Then they see the same name, description and price the catalog lists

  @api
  Scenario: Related products are suggested, never the product itself
    When the shopper asks what goes well with the first "telescopes" product
    Then they are shown at least 1 other product
    And the product itself is not among them

  @api
  Scenario: A product that does not exist is reported as missing
    When the shopper opens the product "no-such-telescope"
    Then the shop says it was not found, saying "no-such-telescope"
