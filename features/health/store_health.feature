@health
Feature: Is the shop up?
  Before anything else, QA checks that every part of the shop answers.

  Background:
    Given the shop is open

  @smoke @api
  Scenario Outline: Every public part of the shop answers
    When a visitor asks for "<path>"
    Then the answer is "ok"
    And the answer is JSON with "<key>"

    Examples:
      | path                                       | key             |
      | /api/products                              | products        |
      | /api/categories                            | categories      |
      | /api/currencies                            | currencies      |
      | /api/ads?categories=telescopes             | ads             |
      | /api/recommendations?product_ids=moon-map  | recommendations |

  @smoke
  Scenario: The store front answers
    When a visitor asks for "/"
    Then the answer is "ok"
    And the answer is a store page headed "Gear for clear nights"

  @api
  Scenario: Every service says it is ready
    Then every service of the shop reports ready
