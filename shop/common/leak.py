"""What a memory-leak fault holds on to: bounded, and let go when the flag is cleared."""
from __future__ import annotations

import threading

from flask import current_app

LEAK_CAP_BYTES = 256 * 2**20  # a leak fault never holds more than this, per process


class Leak:
    """Memory a leak flag makes the service hold, up to LEAK_CAP_BYTES; freed when cleared."""

    def __init__(self, cap_bytes: int = LEAK_CAP_BYTES):
        self.cap_bytes = cap_bytes
        self.chunks: list[bytes] = []
        self.size = 0
        self.lock = threading.Lock()

    def follow(self, kib: float, sample: bytes) -> None:
        """Keep `kib` KiB more made of `sample` (what the service leaks); none when kib <= 0."""
        with self.lock:
            if kib <= 0:
                self.chunks, self.size = [], 0
                return
            wanted = min(int(kib * 1024), self.cap_bytes - self.size)
            if wanted <= 0:
                return
            seed = sample or b"\0"
            self.chunks.append((seed * (wanted // len(seed) + 1))[:wanted])
            self.size += wanted


def leak() -> Leak:
    """The current app's leak holder (made by shop.common.flags.init_app)."""
    return current_app.extensions["astroshop_leak"]
