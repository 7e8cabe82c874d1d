@accounts @storefront @ui @slow
Feature: An account in the storefront
  A shopper signs up and in through the store's pages, buys with their email filled in, finds
  the order under My orders, and signs out. A cookie that was tampered with opens nothing.

  Background:
    Given the shop is open
    And a shopper opens the store in a browser

  @smoke
  Scenario: Sign up, sign in, buy, find the order under My orders, sign out
    When they sign up and sign in in the browser
    And they buy 1 of the first "binoculars" product in the browser
    Then the checkout form had their email filled in
    And My orders lists that order first
    When they sign out in the browser
    Then My orders asks them to sign in

  Scenario: A tampered token cookie is refused
    When they sign up and sign in in the browser
    And someone tampers with their token cookie
    Then My orders asks them to sign in
