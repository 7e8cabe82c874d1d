@catalog
Feature: Searching the catalog
  A shopper who knows what they want types a word and finds it.

  Background:
    Given the shop is open

  @smoke @api
  Scenario Outline: Searching finds the products that mention a word
    When the shopper searches for "<words>"
    Then they find at least <count> products
    And every product they find mentions "<words>"

    Examples:
      | words      | count |
      | nebula     | 1     |
      | binoculars | 3     |
      | Moon       | 2     |

  @api
  Scenario: A search that matches nothing finds nothing, politely
    When the shopper searches for "warp drive"
    Then they find no products

  @api
  Scenario: A search is not confused by characters that look like code
    When the shopper searches for "'; DROP TABLE products; --"
    Then they find no products
