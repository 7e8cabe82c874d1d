"""Business metrics: one definition of each, shared by the services that record them.

The metrics contract (names, labels, meaning) is documented in docs/metrics.md.
"""
from __future__ import annotations

from prometheus_client import Counter, Histogram

ORDERS = Counter("astroshop_orders_total", "Checkout attempts by result and failure reason",
                 ["result", "reason"])
ORDER_VALUE = Histogram("astroshop_order_value_usd", "Value of placed orders, in US dollars",
                        buckets=(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000))
CHARGES = Counter("astroshop_payment_charges_total", "Card charges by result and card brand",
                  ["result", "brand"])
CART_ITEMS_ADDED = Counter("astroshop_cart_items_added_total", "Units added to carts")
CART_SIZE = Histogram("astroshop_cart_size_items", "Distinct products in a cart at checkout",
                      buckets=(1, 2, 3, 4, 5, 8, 13, 21))
EMAILS_SENT = Counter("astroshop_emails_sent_total", "Emails written to the outbox", ["kind"])
RECOMMENDATION_CACHE = Counter("astroshop_recommendation_cache_total",
                               "Recommendation cache lookups by result (hit or miss)",
                               ["result"])
FUNNEL = Counter("astroshop_funnel_events_total",
                 "Storefront funnel steps (visit, product_view, add_to_cart, checkout)", ["step"])
ACCOUNT_EVENTS = Counter("astroshop_account_events_total",
                         "Sign-ups, sign-ins, token refreshes, sign-outs and password changes "
                         "by result", ["action", "result"])
