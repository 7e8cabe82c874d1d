@edge
Feature: The shop's front door
  Everything reaches the shop through one public address, which turns away what does not
  belong and never shows the shop's internals.

  Background:
    Given the shop is open

  @smoke
  Scenario Outline: Unknown and internal addresses are not found
    When a visitor asks for "<path>"
    Then the answer is "not found"
    And the answer shows none of the shop's internals

    Examples:
      | path              |
      | /api/nope         |
      | /wp-admin         |
      | /metrics          |
      | /healthz          |
      | /readyz           |
      | /openapi.json     |
      | /stats            |
      | /server_info      |
      | /charges          |
      | /outbox           |

  Scenario: Asking in a way an address does not allow
    When a visitor deletes "/api/products"
    Then the answer is "method not allowed"
    And the answer says which methods are allowed, including "GET"

  Scenario: Sending the API something that is not JSON
    When a visitor adds to a cart with a form instead of JSON
    Then the answer is "unsupported media type"

  Scenario: Sending far too much at once
    When a visitor adds to a cart with a 70 KiB body
    Then the answer is "payload too large"

  Scenario: Every answer carries a request id for support
    When a visitor asks for "/api/products"
    Then the answer is "ok"
    And the answer carries a request id

  @disruptive
  Scenario: A flood of checkouts is asked to slow down
    When a visitor sends checkouts as fast as they can, at most 300
    Then some are asked to slow down and told when to retry
