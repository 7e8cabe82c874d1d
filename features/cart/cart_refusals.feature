@cart
Feature: What a cart refuses
  A cart only takes real products, in whole quantities from 1 to 99 a line.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: A product the shop does not sell cannot go in the cart
    Given a shopper with an empty cart
    When they add 1 of the product "no-such-telescope" to the cart
    Then the shop refuses it, saying "unknown product"
    And their cart is empty

  @api
  Scenario Outline: A quantity that is not a whole number from 1 to 99 is refused
    Given a shopper with 1 "mounts" item in the cart
    When they add <quantity> "eyepieces" items to the cart
    Then the shop refuses it, saying "<reason>"
    And the refusal names the "quantity" field
    And their cart holds 1 item in total

    Examples:
      | quantity | reason                       |
      | 0        | greater than or equal to 1   |
      | -3       | greater than or equal to 1   |
      | 100      | less than or equal to 99     |
      | "two"    | valid integer                |
      | 1.5      | valid integer                |
      | null     | valid integer                |
      | true     | valid integer                |

  @api
  Scenario: A line cannot grow beyond 99
    Given a shopper with 60 "filters" items in the cart
    When they add 40 "filters" items to the cart
    Then the shop refuses it, saying "a line holds 1 to 99"
    And their cart holds 60 "filters" items

  @api
  Scenario Outline: Changing a quantity to something impossible is refused
    Given a shopper with 2 "eyepieces" items in the cart
    When they change the quantity of the "eyepieces" item to <quantity>
    Then the shop refuses it, saying "<reason>"
    And their cart holds 2 "eyepieces" items

    Examples:
      | quantity | reason                     |
      | 0        | greater than or equal to 1 |
      | 250      | less than or equal to 99   |
      | "lots"   | valid integer              |
