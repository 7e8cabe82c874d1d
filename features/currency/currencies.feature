@currency
Feature: Shopping in your own currency
  Shoppers around the world see prices and pay in their own currency, to the smallest coin.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: The shop sells in the major currencies
    When the shopper asks which currencies the shop sells in
    Then they can choose among these currencies:
      | code | minor digits |
      | USD  | 2            |
      | EUR  | 2            |
      | GBP  | 2            |
      | JPY  | 0            |
      | CAD  | 2            |
      | CHF  | 2            |

  @api
  Scenario Outline: An order placed in a currency is priced in it, exactly
    Given a shopper with 2 "eyepieces" items in the cart
    And they have added 1 "charts-and-books" item to the cart
    When they check out in <currency> with the approved Visa card
    Then the order is placed
    And every amount of the order is in <currency>
    And the order total is exactly its lines plus shipping

    Examples:
      | currency |
      | USD      |
      | EUR      |
      | GBP      |
      | JPY      |
      | CAD      |
      | CHF      |

  @api
  Scenario Outline: A shipping quote comes in the shopper's currency
    When the shopper asks for a shipping quote for 2 "telescopes" items in <currency>
    Then the quote is a positive amount in <currency>

    Examples:
      | currency |
      | EUR      |
      | JPY      |

  @api
  Scenario Outline: A currency the shop does not sell is refused at checkout
    Given a shopper with 1 "filters" item in the cart
    When they check out in <currency> with the approved Visa card
    Then the shop refuses it, saying "<reason>"
    And nothing is charged
    And their cart holds 1 item in total

    Examples:
      | currency | reason                 |
      | XYZ      | unsupported currency   |
      | BTC      | unsupported currency   |
      | eur      | currency               |
      | EURO     | currency               |
