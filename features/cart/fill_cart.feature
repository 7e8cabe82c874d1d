@cart
Feature: Filling a cart
  Every shopper has a cart of their own that remembers what they chose and how many.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: A new shopper starts with an empty cart
    Given a shopper with an empty cart
    Then their cart is empty

  @smoke @api
  Scenario: Adding a product puts it in the cart
    Given a shopper with an empty cart
    When they add 2 "eyepieces" items to the cart
    Then their cart holds 2 "eyepieces" items
    And their cart holds 2 items in total

  @api
  Scenario: Adding the same product again adds up
    Given a shopper with 2 "filters" items in the cart
    When they add 3 "filters" items to the cart
    Then their cart holds 5 "filters" items

  @api
  Scenario: Changing a quantity replaces it
    Given a shopper with 2 "filters" items in the cart
    When they change the quantity of the "filters" item to 7
    Then their cart holds 7 "filters" items

  @api
  Scenario: Removing one product keeps the others
    Given a shopper with 1 "telescopes" item in the cart
    And they have added 2 "eyepieces" items to the cart
    When they remove the "telescopes" item
    Then their cart holds 2 "eyepieces" items
    And their cart holds 2 items in total

  @api
  Scenario: Emptying the cart
    Given a shopper with 3 "accessories" items in the cart
    When they empty their cart
    Then their cart is empty

  @api
  Scenario: Two shoppers never see each other's carts
    Given a shopper with 1 "binoculars" item in the cart
    When another shopper adds 4 "cameras" items to their own cart
    Then their cart holds 1 "binoculars" item
    And their cart holds 1 item in total
