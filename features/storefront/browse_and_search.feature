@storefront @ui @slow
Feature: Browsing and searching the store in a browser
  A shopper opens the store in a web browser, looks around and searches.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  @smoke
  Scenario: The home page shows the products
    Then they see a grid of at least 24 products, each with a name and a price
    And they see the category filter and a search box

  Scenario: Filtering by a category, then searching
    When they choose the "Filters" category
    Then they see exactly the products of the "filters" category
    When they search for "nebula"
    Then every product they see mentions "nebula"

  Scenario: A search that finds nothing says so
    When they search for "warp drive"
    Then they are told that nothing matches
