@edge @api
Feature: Bad input is refused clearly
  Whatever a client sends, a mistake gets a clear refusal that names the problem: never a
  crash, and nothing half-written.

  Background:
    Given the shop is open

  Scenario Outline: A malformed request is refused and names the problem
    Given a shopper with 1 "filters" item in the cart
    When they send <method> <path> with <body>
    Then the shop refuses it, saying "<reason>"
    And their cart holds 1 item in total

    Examples:
      | method | path                              | body                                    | reason                      |
      | POST   | /api/carts/{cart}/items           | {"product_id": 42, "quantity": 1}       | product_id                  |
      | POST   | /api/carts/{cart}/items           | {"quantity": 1}                         | product_id                  |
      | POST   | /api/carts/{cart}/items           | {"product_id": "filter-uhc"}            | quantity                    |
      | POST   | /api/carts/{cart}/items           | []                                      | body                        |
      | POST   | /api/carts/{cart}/items           | "filter-uhc"                            | body                        |
      | POST   | /api/carts/{cart}/items           | {"product_id": "x", "quantity": 1e99}   | quantity                    |
      | POST   | /api/carts/{cart}/items           | {"product_id": "filter-uhc", "quantity": 1, "price": 0} | price       |
      | POST   | /api/carts/{cart}/items           | {"product_id": "Ünïcødé ☄", "quantity": 1} | product_id               |
      | PUT    | /api/carts/{cart}/items/NOT_A_SLUG | {"quantity": 1}                        | product id                  |
      | POST   | /api/carts/bad%20cart%20id/items  | {"product_id": "filter-uhc", "quantity": 1} | cart id                 |
      | POST   | /api/shipping/quote               | {"address": {}, "items": [], "currency": "USD"} | address             |
      | POST   | /api/shipping/quote               | {"items": [{"product_id": "filter-uhc", "quantity": 1}], "currency": "USD"} | address |
      | POST   | /api/checkout                     | {"cart_id": "{cart}"}                   | currency                    |
      | POST   | /api/checkout                     | {"cart_id": "{cart}", "currency": 7, "email": "a@b.co", "address": {}, "card": {}} | currency |
      | POST   | /api/carts/{cart}/items           | {"product_id": "filter-uhc",            | JSON                        |
      | POST   | /api/carts/{cart}/items           | not json at all                         | JSON                        |
      | POST   | /api/checkout                     | {"cart_id": "{cart}", "currency": "USD", "email": "a@b.co", "address": {"street": "x", "city": "y", "state": "z", "zip": "1", "country": "US"}, "card": {"number": 4242424242424242, "exp_month": 13, "exp_year": 2030, "cvv": "123"}} | card |
