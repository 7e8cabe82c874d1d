"""The storefront's pages, one blueprint per area: browsing, the cart, checkout."""
