"""The service registry: every service of the shop, one entry each.

Adding a service is a folder under shop/ (its create_app) and one entry in SERVICES; every
target (local supervisor, Envoy, Prometheus, compose, Kubernetes, cluster hosts,
dashboards) renders it from here.
"""
from __future__ import annotations

from dataclasses import dataclass

# A canary replica listens this far above its service's base port (7160 for catalog), clear of
# every service's stable replicas (7000 .. 7108 with accounts at 7100; a shift of 100 put the
# storefront's canary on accounts-0's port).
CANARY_PORT_SHIFT = 150
# How the interpreter starts a replica's server, followed by gunicorn's options: one worker
# serves in the started process, without gunicorn's master (shop.common.serve says why).
SERVE = ("-m", "shop.common.serve")

@dataclass(frozen=True)
class PublicRoute:
    """One route of the public API, exposed by Envoy's public listener."""

    prefix: str
    methods: tuple[str, ...]
    exact: bool = False
    rate_limited: bool = False  # one bucket for every client (the checkout's)
    cached: bool = False  # GETs pass the edge cache; the service says for how long (max-age)
    per_client_limit: bool = False  # a bucket per client address (sign-up, sign-in)
    auth: str = ""  # the token the edge wants: one of AUTH_MODES, or "" for none


@dataclass(frozen=True)
class Service:
    """One service: port, replicas, calls, routes, timeout, stores, budget and host role."""

    name: str
    port: int
    description: str
    calls: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()  # names of harness.model.stores it uses
    public_routes: tuple[PublicRoute, ...] = ()  # none: internal, reached only through the mesh
    timeout_ms: int = 2000  # its routes' budget and its own calls' read timeout: covers its callees
    idempotent_writes: bool = False
    replicas: int = 1
    workers: int = 1
    threads: int = 4
    memory_mb: int = 128  # its own memory check's budget (ASTROSHOP_MEMORY_BUDGET_MB)
    host_role: str = "app"  # the cluster hosts that run it (harness.model.hosts)
    uses_secret_key: bool = False  # it gets ASTROSHOP_SECRET_KEY (sessions, request fingerprints)
    # Canary replicas a deployment may start beside the stable ones (`astroshop release`); with
    # any, Envoy gets a `<name>-canary` cluster and splits the service's routes by runtime weight.
    canary_replicas: int = 0
    signing_keys: bool = False  # it gets ASTROSHOP_SIGNING_KEYS (the key set that signs tokens)

    def replica_ports(self) -> list[int]:
        """Ports of every replica: the base port, then one up per replica."""
        return [self.port + i for i in range(self.replicas)]

    def canary_ports(self) -> list[int]:
        """Ports of every canary replica: the base port plus CANARY_PORT_SHIFT, then one up."""
        return [self.port + CANARY_PORT_SHIFT + i for i in range(self.canary_replicas)]

    def uses(self, store: str) -> bool:
        """Whether the service keeps data in `store`."""
        return store in self.stores


GET = ("GET",)
WRITE = ("POST",)
PAGE = ("GET", "POST")
# What the edge's JWT filter asks of a route (harness/envoy/auth.py): a valid token or 401;
# no token, or a valid one (a bad one is 401); anything, the account passed only when valid.
AUTH_REQUIRED, AUTH_OPTIONAL, AUTH_IF_VALID = "required", "optional", "if-valid"
AUTH_MODES = (AUTH_REQUIRED, AUTH_OPTIONAL, AUTH_IF_VALID)

SERVICES: tuple[Service, ...] = (
    Service(
        "frontend", 7000, "Server-rendered storefront pages",
        calls=("catalog", "cart", "currency", "recommendation", "ads", "shipping", "checkout",
               "accounts"),
        public_routes=(
            PublicRoute("/", PAGE, exact=True, auth=AUTH_IF_VALID),
            PublicRoute("/product/", PAGE, auth=AUTH_IF_VALID),
            PublicRoute("/cart", PAGE, auth=AUTH_IF_VALID),
            PublicRoute("/checkout", PAGE, auth=AUTH_IF_VALID),
            PublicRoute("/order/", PAGE, auth=AUTH_IF_VALID),
            PublicRoute("/currency", PAGE, exact=True, auth=AUTH_IF_VALID),
            PublicRoute("/signup", PAGE, exact=True, per_client_limit=True, auth=AUTH_IF_VALID),
            PublicRoute("/signin", PAGE, exact=True, per_client_limit=True, auth=AUTH_IF_VALID),
            PublicRoute("/signout", WRITE, exact=True, auth=AUTH_IF_VALID),
            PublicRoute("/account", PAGE, auth=AUTH_REQUIRED),
            PublicRoute("/static/", GET, cached=True),
            PublicRoute("/favicon.ico", GET, exact=True, cached=True),
        ),
        timeout_ms=9000, threads=8, host_role="edge", uses_secret_key=True,
    ),
    Service(
        "catalog", 7010, "Products, categories and search",
        public_routes=(PublicRoute("/api/products", GET, cached=True),
                       PublicRoute("/api/categories", GET, cached=True)),
        timeout_ms=1000,
    ),
    Service(
        "cart", 7020, "A session's cart", calls=("catalog",), stores=("postgres", "redis"),
        public_routes=(PublicRoute("/api/carts/", ("GET", "POST", "PUT", "DELETE")),),
        timeout_ms=1500,
    ),
    Service(
        "currency", 7030, "Supported currencies and conversion",
        public_routes=(PublicRoute("/api/currencies", GET),),
        timeout_ms=1000,
    ),
    Service(
        "shipping", 7040, "Shipping quotes and shipments", calls=("currency",),
        public_routes=(PublicRoute("/api/shipping/quote", WRITE, exact=True),),
        timeout_ms=1000, idempotent_writes=True,
    ),
    Service(
        "payment", 7050, "Card validation and charges", stores=("postgres",),
        timeout_ms=2000, idempotent_writes=True, uses_secret_key=True,
    ),
    Service("email", 7060, "Order confirmations", stores=("postgres",), timeout_ms=2000,
            idempotent_writes=True),
    Service(
        "recommendation", 7070, "Products related to a set of products", calls=("catalog",),
        public_routes=(PublicRoute("/api/recommendations", GET, exact=True),),
        timeout_ms=1000,
    ),
    Service(
        "ads", 7080, "Ads for a context",
        public_routes=(PublicRoute("/api/ads", GET, exact=True),),
        timeout_ms=500,
    ),
    Service(
        "checkout", 7090, "Placing orders and reading them back",
        calls=("cart", "catalog", "currency", "shipping", "payment", "email"),
        stores=("postgres",),
        public_routes=(
            PublicRoute("/api/checkout", WRITE, exact=True, rate_limited=True, auth=AUTH_OPTIONAL),
            PublicRoute("/api/orders/", GET),
        ),
        timeout_ms=8000, idempotent_writes=True, uses_secret_key=True,
    ),
    Service(
        "accounts", 7100, "Accounts, sign-in and the tokens the edge verifies",
        calls=("checkout",), stores=("postgres",),
        public_routes=(
            PublicRoute("/api/account/signup", WRITE, exact=True, per_client_limit=True),
            PublicRoute("/api/account/signin", WRITE, exact=True, per_client_limit=True),
            PublicRoute("/api/account/refresh", WRITE, exact=True, per_client_limit=True),
            PublicRoute("/api/account", GET, exact=True, auth=AUTH_REQUIRED),
            PublicRoute("/api/account/", ("GET", "POST"), auth=AUTH_REQUIRED),
        ),
        # As long as checkout, which it asks for the order history (its callees' budget covered);
        # argon2id takes ~30 ms on an idle core and several times that on two busy ones.
        timeout_ms=8000, memory_mb=160, uses_secret_key=True, signing_keys=True,
    ),
)
