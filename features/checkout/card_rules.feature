@checkout
Feature: Which cards the shop accepts
  The shop takes Visa, Mastercard and American Express cards that are real and not expired,
  and tells the shopper exactly what is wrong with any other card.

  Background:
    Given the shop is open

  @api
  Scenario Outline: Real, unexpired cards of the accepted brands are charged
    Given a shopper with 1 "eyepieces" item in the cart
    When they check out paying with card <number> expiring <expiry> with security code <cvv>
    Then the order is placed
    And they are charged exactly once

    Examples:
      | brand      | number              | expiry       | cvv  |
      | Visa       | 4242 4242 4242 4242 | in two years | 123  |
      | Mastercard | 5555 5555 5555 4444 | next year    | 321  |
      | Amex       | 3782 822463 10005   | this month   | 1234 |
      | Visa       | 4242-4242-4242-4242 | next month   | 999  |

  @smoke @api
  Scenario: A card the bank declines
    Given a shopper with 1 "eyepieces" item in the cart
    When they check out in USD with the declined Visa card
    Then the card is declined
    And nothing is charged
    And their cart holds 1 item in total

  @api
  Scenario Outline: Cards the shop refuses, and why
    Given a shopper with 1 "eyepieces" item in the cart
    When they check out paying with card <number> expiring <expiry> with security code <cvv>
    Then the shop refuses it, saying "<reason>"
    And the refusal names the "<field>" field
    And nothing is charged
    And their cart holds 1 item in total

    Examples:
      | case                  | number              | expiry       | cvv  | field         | reason                    |
      | expired last month    | 4242 4242 4242 4242 | last month   | 123  | card.exp      | card expired              |
      | expired last year     | 5555 5555 5555 4444 | last year    | 123  | card.exp      | card expired              |
      | fails the Luhn check  | 4242 4242 4242 4241 | in two years | 123  | card.number   | Luhn check failed         |
      | unsupported brand     | 6011 1111 1111 1117 | in two years | 123  | card.number   | unsupported card brand    |
      | too few digits        | 4242 4242 42        | in two years | 123  | card.number   | 13 to 19 digits           |
      | letters in the number | 4242 4242 4242 ABCD | in two years | 123  | card.number   | only digits               |
      | short security code   | 4242 4242 4242 4242 | in two years | 12   | card.cvv      | must be 3 digits          |
      | Amex needs four       | 3782 822463 10005   | in two years | 123  | card.cvv      | must be 4 digits          |
