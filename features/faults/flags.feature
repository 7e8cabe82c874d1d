@fault @slow @disruptive
Feature: Fault flags are caught by the gate or a burn-rate alert, and the shop recovers
  An SRE turns a fault flag on while shoppers and API clients use the shop. The harness
  must notice it through the objective the fault harms, within the stated time, and once
  the flag is off again the shop must pass its gate.

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
      | fault                   | objective            | detect | recover |
      | cartFailure             | cart-availability    | 120    | 180     |
      | paymentFailure          | payment-availability | 120    | 180     |
      | recommendationCacheLeak | memory-budget        | 300    | 180     |
      | emailMemoryLeak         | memory-budget        | 300    | 180     |

  Scenario Outline: <fault> fails the gate on <objective> until it is cleared
    Given no page on <objective> is firing, nor open at the receiver
    When the fault <fault> is injected
    Then the gate fails on <objective> within <detect> seconds
    When the fault <fault> is cleared
    Then every page on <objective> gets its resolved notification within <recover> seconds
    And the shop passes its gate again within <recover> seconds

    Examples:
      | fault                     | objective            | detect | recover |
      | catalogFailure            | catalog-availability | 120    | 180     |
      | catalogLatency            | storefront-latency   | 120    | 180     |
      | cartStoreDown             | cart-availability    | 120    | 180     |
      | paymentDecline            | checkout-conversion  | 120    | 180     |
      | paymentUnreachable        | checkout-success     | 120    | 180     |
      | currencyLatency           | storefront-latency   | 120    | 180     |
      | shippingInternationalSlow | checkout-success     | 120    | 180     |
      | adsFailure                | ads-availability     | 120    | 180     |
      | accountsFailure           | signin-success       | 120    | 180     |
      | homepageFlood             | storefront-latency   | 120    | 180     |
