@fault @slow @disruptive
Feature: Process faults are caught by the gate or a burn-rate alert, and the shop recovers
  A service's process is stopped or frozen while the shop is under load. The harness must
  notice it through the objective it harms, within the stated time, and once the process
  is back the shop must pass its gate.

  Background:
    Given the shop is under background load, with short-window burn-rate alerts
    And the shop passed its gate before any fault was injected

  Scenario Outline: <fault> fires a burn-rate alert on <objective>, which resolves once it is cleared
    Given no burn-rate alert on <objective> is firing
    When the fault <fault> is injected
    Then a burn-rate alert on <objective> fires within <detect> seconds
    When the fault <fault> is cleared
    Then the burn-rate alert on <objective> resolves within <recover> seconds
    And the shop passes its gate again within <recover> seconds

    Examples:
      | fault          | objective         | detect | recover |
      | cartKilled     | edge-availability | 120    | 180     |
      | currencyFrozen | checkout-success  | 120    | 180     |
