@orders
Feature: Looking up an order
  After buying, a shopper can look their order up by its number and see what they paid.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: A placed order can be looked up by its number
    Given a shopper with 2 "filters" items in the cart
    And they have checked out in CHF with the approved Visa card
    When they look up their order by its number
    Then they see the same items, shipping and total they were charged

  @api
  Scenario: Two orders get their own order and tracking numbers
    Given a shopper with 1 "filters" item in the cart
    And they have checked out in USD with the approved Visa card
    And they have added 1 "eyepieces" item to the cart
    And they have checked out in USD with the approved Visa card
    Then their 2 orders have different order numbers and different tracking numbers

  @api
  Scenario Outline: Looking up an order that does not exist
    When the shopper looks up the order "<number>"
    Then the shop says it was not found, saying "<reason>"

    Examples:
      | number                           | reason         |
      | 00000000000000000000000000000000 | no order       |
      | not-an-order                     | no order       |
