@storefront @ui @slow
Feature: A product's page in a browser
  A shopper opens a product to read about it, then adds it to the cart.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  Scenario: Opening a product from the grid
    When they open the first "telescopes" product from the grid
    Then they see its name, price, picture and description
    And they are offered other products they may also like

  Scenario: Adding to the cart and changing the quantity
    When they open the first "eyepieces" product from the grid
    And they add 2 of it to the cart
    Then the cart page lists it with quantity 2 and a line total of twice its price
    When they change its quantity to 3 on the cart page
    Then the cart page lists it with quantity 3 and a line total of three times its price
    When they remove it from the cart
    Then the cart page says the cart is empty
