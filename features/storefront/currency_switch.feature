@storefront @ui @slow
Feature: Changing currency in a browser
  A shopper switches the store to their own currency and every price follows.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  Scenario Outline: Prices follow the chosen currency
    When they switch the currency to <currency>
    Then every price on the home page starts with "<symbol>"
    And prices show <decimals> decimals

    Examples:
      | currency | symbol | decimals |
      | EUR      | €      | 2        |
      | JPY      | ¥      | 0        |

  Scenario: The chosen currency carries through to the cart
    When they switch the currency to GBP
    And they open the first "filters" product from the grid
    And they add 1 of it to the cart
    Then the cart total is shown in "£"
