"""Business: orders, revenue, conversion, payments, carts, emails, recommendations."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import SLOW, quantiles, ratio, row, stat, timeseries

ORDERS = "astroshop_orders_total"
VALUE = "astroshop_order_value_usd"
FUNNEL = "astroshop_funnel_events_total"
PLACED = f'{ORDERS}{{result="placed"}}'
VISITS = f'{FUNNEL}{{step="visit"}}'


def per_minute(selector: str, by: str = "") -> str:
    """Events per minute over the slow window, optionally by a label."""
    grouping = f" by ({by})" if by else ""
    return f"sum{grouping} (rate({selector}[{SLOW}])) * 60"


dashboard = build("AstroShop / Business", "astroshop-business", [
    row("Orders and revenue"),
    stat("Orders placed", per_minute(PLACED), "opm", decimals=1),
    stat("Revenue", per_minute(f"{VALUE}_sum"), "currencyUSD", "US dollars per minute"),
    stat("Average order", f"sum(rate({VALUE}_sum[{SLOW}])) / sum(rate({VALUE}_count[{SLOW}]))",
         "currencyUSD"),
    stat("Conversion", f"{per_minute(PLACED)} / {per_minute(VISITS)}", "percentunit",
         "Orders placed per storefront visit"),
    stat("Checkout failure ratio", ratio(f'{ORDERS}{{result="failed"}}', ORDERS, SLOW),
         "percentunit", "Checkout attempts that did not become an order"),
    stat("Recommendation cache hits",
         ratio('astroshop_recommendation_cache_total{result="hit"}',
               "astroshop_recommendation_cache_total", SLOW), "percentunit"),
    timeseries("Orders by result", [(per_minute(ORDERS, "result"), "{{result}}")], "opm",
               stacked=True),
    timeseries("Failed orders by reason",
               [(per_minute(f'{ORDERS}{{result="failed"}}', "reason"), "{{reason}}")], "opm"),
    quantiles("Order value", f"{VALUE}_bucket", "currencyUSD"),
    row("Funnel, payments, carts and emails"),
    timeseries("Storefront funnel", [(per_minute(FUNNEL, "step"), "{{step}}")], "opm"),
    timeseries("Card charges by result and brand",
               [(per_minute("astroshop_payment_charges_total", "result, brand"),
                 "{{result}} {{brand}}")], "opm"),
    timeseries("Units added to carts",
               [(per_minute("astroshop_cart_items_added_total"), "units")], "opm"),
    timeseries("Emails sent", [(per_minute("astroshop_emails_sent_total", "kind"), "{{kind}}")],
               "opm"),
    quantiles("Cart size at checkout", "astroshop_cart_size_items_bucket", "short"),
], "What the shop sells: orders, revenue, conversion and the steps that lead there",
    tags=("business",))
