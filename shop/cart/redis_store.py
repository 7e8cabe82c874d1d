"""The Redis cart store: one hash per cart (product id -> quantity) that expires when idle."""
from __future__ import annotations

import redis

KEY_PREFIX = "astroshop:cart:"


class RedisCartStore:
    """Carts as Redis hashes; every write pushes the cart's expiry `ttl_s` into the future."""

    def __init__(self, url: str, ttl_s: int):
        self.redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=2.0,
                                          socket_connect_timeout=1.0)
        self.ttl_s = ttl_s

    def lines(self, cart_id: str) -> dict[str, int]:
        """The cart's lines, sorted by product id."""
        raw = self.redis.hgetall(KEY_PREFIX + cart_id)
        return {product_id: int(raw[product_id]) for product_id in sorted(raw)}

    def put_line(self, cart_id: str, product_id: str, quantity: int) -> None:
        """Set one line's quantity and renew the cart's expiry, atomically."""
        key = KEY_PREFIX + cart_id
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, product_id, quantity)
            pipe.expire(key, self.ttl_s)
            pipe.execute()

    def remove_line(self, cart_id: str, product_id: str) -> None:
        """Delete one field of the cart's hash."""
        self.redis.hdel(KEY_PREFIX + cart_id, product_id)

    def clear(self, cart_id: str) -> None:
        """Delete the cart's hash."""
        self.redis.delete(KEY_PREFIX + cart_id)

    def ping(self) -> None:
        """Raise unless Redis answers."""
        self.redis.ping()
