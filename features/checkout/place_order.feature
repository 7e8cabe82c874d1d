@checkout
Feature: Placing an order
  A shopper pays for their cart and receives an order they can track.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: A shopper buys what is in their cart
    Given a shopper with 1 "telescopes" item in the cart
    And they have added 2 "eyepieces" items to the cart
    When they check out in USD with the approved Visa card
    Then the order is placed
    And the order lists 1 "telescopes" item and 2 "eyepieces" items
    And the order has a tracking number
    And the order total is exactly its lines plus shipping
    And their cart is empty

  @api
  Scenario: The shopper receives a confirmation email
    Given a shopper with 1 "binoculars" item in the cart
    When they check out in EUR with the approved Visa card
    Then the order is placed
    And a confirmation of the order is sent to their email address

  @smoke @api
  Scenario: Checking out an empty cart is refused
    Given a shopper with an empty cart
    When they check out in USD with the approved Visa card
    Then the shop refuses it, saying "cart is empty"
    And nothing is charged

  @api
  Scenario Outline: Missing or wrong details are pointed out before anything is charged
    Given a shopper with 1 "filters" item in the cart
    When they check out with <detail> given as <value>
    Then the shop refuses it, saying "<reason>"
    And the refusal names the "<detail>" field
    And nothing is charged
    And their cart holds 1 item in total

    Examples:
      | detail          | value             | reason                   |
      | email           | "not-an-email"    | not a valid email        |
      | email           | ""                | not a valid email        |
      | address.country | "United States"   | address.country          |
      | address.zip     | ""                | address.zip              |
      | address         | "on the Moon"     | address                  |
      | cart_id         | "../other-cart"   | cart_id                  |
