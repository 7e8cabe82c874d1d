@catalog
Feature: Browsing the catalog
  A stargazer browses the shop's astronomy gear by category before deciding what to buy.

  Background:
    Given the shop is open

  @smoke @api
  Scenario: The shop offers a wide range of astronomy gear
    When the shopper looks at the whole catalog
    Then they see at least 24 products in at least 6 categories
    And every product has a name, a description, a picture and a price in US dollars

  @api
  Scenario Outline: A category shows only its own products
    When the shopper browses the "<category>" category
    Then every product they see belongs to "<category>"
    And they see as many products as the category announces

    Examples:
      | category         |
      | telescopes       |
      | eyepieces        |
      | filters          |
      | charts-and-books |

  @api
  Scenario: Asking for a category the shop does not have
    When the shopper browses the "comets" category
    Then the shop refuses it, saying "unknown category"
    And the refusal names the "category" field

  @api
  Scenario: Every product's picture can be shown
    When the shopper looks at the whole catalog
    Then every product's picture is an image the browser can draw
