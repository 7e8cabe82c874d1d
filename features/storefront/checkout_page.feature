@storefront @ui @slow
Feature: Checking out in a browser
  A shopper fills in the checkout form and sees their order confirmed.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  @smoke
  Scenario: From the cart to the confirmation page
    Given they have put 1 of the first "binoculars" product in the cart
    When they place the order in the browser paying with the approved Visa card
    Then they see the confirmation page with an order number and a tracking number
    And the confirmed order can be looked up with the same total

  Scenario: A declined card is explained on the form
    Given they have put 1 of the first "filters" product in the cart
    When they place the order in the browser paying with the declined Visa card
    Then the checkout form says "card declined by the issuer"
    And their cart in the browser still holds 1 item

  Scenario: A mistyped email is pointed out next to the field
    Given they have put 1 of the first "filters" product in the cart
    When they place the order in the browser paying with the approved Visa card, giving the email "stargazer-at-example"
    Then the checkout form marks the email field

  Scenario: A shopper abroad leaves the state empty
    Given they have put 1 of the first "charts-and-books" product in the cart
    When they place the order in the browser paying with the Mastercard card, shipping to "Invalidenstraße 43, 10115 Berlin, DE" without a state
    Then they see the confirmation page with an order number and a tracking number
