@storefront @ui @slow @disruptive
Feature: The store in a browser when part of it is down
  When one part of the shop stops, shoppers get a clear, friendly message, and what can
  keep working keeps working.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  Scenario: Recommendations simply vanish when their service is down
    Given the recommendation service is down
    When they open the first "telescopes" product from the grid
    Then they see its name, price, picture and description
    And they are not offered other products

  Scenario: A friendly page, not a stack trace, when the cart is down
    Given the cart service is down
    When they try to open their cart
    Then they see a page titled "Our cart is taking a short break"
    And the page shows no technical details
