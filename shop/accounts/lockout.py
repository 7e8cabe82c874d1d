"""Brief lockouts after repeated failed sign-ins, counted per address whether or not it has an
account (so a lockout reveals nothing), under an HMAC of the address (so the table names no
one). A success clears the count."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import Engine, case, insert, select, update
from sqlalchemy.exc import IntegrityError

from shop.accounts.tables import signin_failures as failures

PURPOSE = b"astroshop sign-in failure subject"


@dataclass(frozen=True)
class Policy:
    """`limit` failures within `window_s` lock the address for `lock_s` seconds."""

    limit: int = 5
    window_s: float = 900
    lock_s: float = 60


class Lockout:
    """Failed sign-ins per address, in the accounts database."""

    def __init__(self, engine: Engine, secret: str, policy: Policy):
        self.engine, self.policy = engine, policy
        self.key = hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()

    def subject(self, email: str) -> str:
        """The row key of an address: an HMAC, useless without the deployment's secret."""
        return hmac.new(self.key, email.lower().encode(), hashlib.sha256).hexdigest()

    def locked_for(self, email: str, now: float) -> float:
        """Seconds until the address may try again; 0 when it is not locked."""
        with self.engine.connect() as conn:
            until = conn.execute(select(failures.c.locked_until).where(
                failures.c.subject == self.subject(email))).scalar()
        return max(0.0, (until or 0) - now)

    def failed(self, email: str, now: float) -> float:
        """Count a failure; the seconds of the lock it starts (0 when it starts none)."""
        subject = self.subject(email)
        with self.engine.begin() as conn:
            if not self._count(conn, subject, now):
                try:
                    with conn.begin_nested():
                        conn.execute(insert(failures).values(subject=subject, failures=1,
                                                             window_start=now, locked_until=0))
                except IntegrityError:  # another replica inserted it meanwhile
                    self._count(conn, subject, now)
            count = conn.execute(select(failures.c.failures).where(
                failures.c.subject == subject)).scalar()
            if count < self.policy.limit:
                return 0.0
            conn.execute(update(failures).where(failures.c.subject == subject).values(
                failures=0, window_start=now, locked_until=now + self.policy.lock_s))
        return self.policy.lock_s

    def _count(self, conn, subject: str, now: float) -> bool:
        """Add one failure to the subject's window (a stale window starts again at 1); False
        when the subject has no row yet."""
        stale = failures.c.window_start < now - self.policy.window_s
        return conn.execute(update(failures).where(failures.c.subject == subject).values(
            failures=case((stale, 1), else_=failures.c.failures + 1),
            window_start=case((stale, now), else_=failures.c.window_start))).rowcount == 1

    def succeeded(self, email: str) -> None:
        """Forget the address's failures."""
        with self.engine.begin() as conn:
            conn.execute(update(failures).where(failures.c.subject == self.subject(email))
                         .values(failures=0, locked_until=0))
