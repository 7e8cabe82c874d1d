@health @api @slow @disruptive
Feature: When part of the shop is down
  A stopped service must never turn into a crash or a double charge: the shopper is told
  clearly what is unavailable, nothing is half done, and the shop recovers when it returns.

  Background:
    Given the shop is open

  Scenario: Checkout is refused, and nothing charged, while payment is down
    Given a shopper with 1 "filters" item in the cart
    And the payment service is down
    When they check out in USD with the approved Visa card
    Then the shopper is told the "payment" service is unavailable
    And their cart holds 1 item in total
    When the payment service comes back
    Then nothing is charged

  Scenario: The cart answers again once its service is back
    Given a shopper with an empty cart
    And the cart service is down
    When they add 1 "eyepieces" item to the cart
    Then the shopper is told the "cart" service is unavailable
    When the cart service comes back
    And they add 1 "eyepieces" item to the cart
    Then their cart holds 1 "eyepieces" item

  Scenario: Browsing still works while the cart is down
    Given the cart service is down
    When a visitor asks for "/api/products?category=telescopes"
    Then the answer is "ok"
