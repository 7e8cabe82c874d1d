@fault @slow @disruptive
Feature: Envoy faults on the mesh are caught by the gate or a burn-rate alert, and the shop recovers
  Envoy delays or aborts the calls to one service on the internal listener while the shop
  is under load. The harness must notice it through the objective it harms, within the
  stated time, and once the fault is cleared the shop must pass its gate.

  Background:
    Given the shop is under background load, with short-window burn-rate alerts
    And the shop passed its gate before any fault was injected

  Scenario Outline: <fault> fires a burn-rate alert on <objective> that pages, and resolves once it is cleared
    Given no page on <objective> is firing, nor open at the receiver
    When the fault <fault> is injected
    Then a page on <objective> reaches the receiver through Alertmanager within <detect> seconds
    When the fault <fault> is cleared
    Then every page on <objective> gets its resolved notification within <recover> seconds
    And the shop passes its gate again within <recover> seconds

    Examples:
      | fault        | objective        | detect | recover |
      | paymentAbort | checkout-success | 120    | 180     |

  Scenario Outline: <fault> fails the gate on <objective> until it is cleared
    Given no page on <objective> is firing, nor open at the receiver
    When the fault <fault> is injected
    Then the gate fails on <objective> within <detect> seconds
    When the fault <fault> is cleared
    Then every page on <objective> gets its resolved notification within <recover> seconds
    And the shop passes its gate again within <recover> seconds

    Examples:
      | fault        | objective          | detect | recover |
      | catalogDelay | storefront-latency | 120    | 180     |
