@accounts @api
Feature: An account on the public API
  A shopper signs up, signs in with a token, buys, and finds their orders in their history.
  Nothing the shop answers tells whether an address has an account.

  Background:
    Given the shop is open

  @smoke
  Scenario: Sign up, sign in, buy, find the order, sign out
    Given a shopper who has signed up
    When they sign in
    And they put 1 "filters" item in the cart and check out signed in with the approved Visa card
    Then their order history lists that order first
    When they sign out
    Then their refresh token no longer gives them a new one

  Scenario: A wrong password and an unknown address get the same answer
    Given a shopper who has signed up
    When they sign in with a wrong password
    And someone signs in with an address that has no account
    Then both get the same refusal, which does not say which part was wrong

  Scenario: A refresh token works once; used again, it ends the session
    Given a shopper who has signed up
    And they sign in
    When they renew their tokens
    And the old refresh token is used again
    Then the shop refuses it, saying "not valid"
    And the renewed refresh token no longer works either

  Scenario Outline: A sign-up with bad input is refused and names the field
    When someone signs up with the email "<email>" and the password "<password>"
    Then the shop refuses it, naming the field "<field>"
    And no account exists for "<email>"

    Examples:
      | email                               | password                     | field    |
      | stargazer-at-example                | a clear night at the eyepiece | email    |
      | vega@example.com                    | too short                    | password |
      | altair@example.com                  | password1234                 | password |
      | sirius'; DROP TABLE accounts;--@x.com | a clear night at the eyepiece | email    |
      | stérnguckér@exämple.com             | a clear night at the eyepiece | email    |

  @edge
  Scenario Outline: A token that is not right is refused at the edge
    Given a shopper who has signed up
    And they sign in
    When they ask for their account with a token that is <defect>
    Then the edge refuses it with 401
    And the accounts service never saw the request

    Examples:
      | defect                    |
      | missing                   |
      | tampered with             |
      | expired                   |
      | signed by another key     |
      | unsigned (alg none)       |
      | from another issuer       |
      | for another audience      |
