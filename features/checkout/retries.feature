@checkout
Feature: A retried checkout never charges twice
  Networks drop answers and shoppers click twice. Sending the same checkout again, with the
  same retry key (Idempotency-Key), must give back the same order and charge the card once.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: The same checkout sent twice gives one order and one charge
    Given a shopper with 2 "binoculars" items in the cart
    When they check out in EUR with the approved Visa card
    And they send the same checkout again with the same retry key
    Then both answers are the same order
    And they are charged exactly once

  @api
  Scenario: Six impatient clicks at once still give one order and one charge
    Given a shopper with 1 "mounts" item in the cart
    When they send the same checkout 6 times at once with one retry key
    Then every answer is the same order
    And they are charged exactly once

  @api
  Scenario: A retry key cannot be reused for a different checkout
    Given a shopper with 1 "filters" item in the cart
    And they have checked out in USD with the approved Visa card
    And they have added 1 "filters" item to the cart
    When they check out in GBP reusing the first retry key
    Then the shop refuses it, saying "used for a different checkout"
    And they are charged exactly once
    And their cart holds 1 item in total

  @api
  Scenario: A checkout without a retry key is refused
    Given a shopper with 1 "filters" item in the cart
    When they check out without a retry key
    Then the shop refuses it, saying "Idempotency-Key header is required"
    And their cart holds 1 item in total

  @api
  Scenario: Retrying after a declined card with a good card charges only the good one
    Given a shopper with 1 "cameras" item in the cart
    And they have tried to check out with the declined Visa card
    When they check out in USD with the approved Visa card
    Then the order is placed
    And they are charged exactly once
