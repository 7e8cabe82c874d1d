@fault @slow @disruptive
Feature: Process faults are caught by the gate or a burn-rate alert, and the shop recovers
  A service's process is stopped or frozen while the shop is under load. The harness must
  notice it through the objective it harms, within the stated time, and once the process
  is back the shop must pass its gate.

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
      | fault          | objective         | detect | recover |
      | cartKilled     | edge-availability | 120    | 180     |
      | currencyFrozen | checkout-success  | 120    | 180     |
