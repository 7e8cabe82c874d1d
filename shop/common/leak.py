"""What a memory-leak fault holds on to: bounded, and let go when the flag is cleared.

Each piece lives in an anonymous memory map of its own, so clearing the fault unmaps it and
the process's resident memory falls back at once (bytes objects would stay in malloc's heap,
which glibc seldom gives back to the kernel).
"""
from __future__ import annotations

import mmap
import threading

from flask import current_app

LEAK_CAP_BYTES = 256 * 2**20  # a leak fault never holds more than this, per process


class Leak:
    """Memory a leak flag makes the service hold, up to LEAK_CAP_BYTES; freed when cleared."""

    def __init__(self, cap_bytes: int = LEAK_CAP_BYTES):
        self.cap_bytes = cap_bytes
        self.chunks: list[mmap.mmap] = []
        self.size = 0
        self.lock = threading.Lock()

    def follow(self, kib: float, sample: bytes) -> None:
        """Keep `kib` KiB more made of `sample` (what the service leaks); none when kib <= 0."""
        with self.lock:
            if kib <= 0:
                for chunk in self.chunks:
                    chunk.close()
                self.chunks, self.size = [], 0
                return
            wanted = min(int(kib * 1024), self.cap_bytes - self.size)
            if wanted <= 0:
                return
            self.chunks.append(filled(wanted, sample or b"\0"))
            self.size += wanted


def filled(size: int, sample: bytes) -> mmap.mmap:
    """An anonymous map of `size` bytes, every page written with copies of `sample`."""
    chunk = mmap.mmap(-1, size)
    piece = sample * max(1, 65536 // len(sample))
    while chunk.tell() < size:
        chunk.write(piece[:size - chunk.tell()])
    return chunk


def leak() -> Leak:
    """The current app's leak holder (made by shop.common.flags.init_app)."""
    return current_app.extensions["astroshop_leak"]
