"""The ad inventory: loaded once from its data file, chosen deterministically per context."""
from __future__ import annotations

import json
import random

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shop.contracts.ads import Ad

LIMIT = 2


class AdFile(BaseModel):
    """The whole data file."""

    model_config = ConfigDict(extra="forbid")
    ads: list[Ad] = Field(min_length=LIMIT)


class AdDataError(RuntimeError):
    """The ads data file is broken; raised at start-up."""


class Inventory:
    """Every ad, and the choice of a few for a set of categories."""

    def __init__(self, ads: list[Ad]):
        self.ads = ads

    @classmethod
    def from_file(cls, path: str) -> Inventory:
        """Load and validate the data file, failing fast with the broken entry named."""
        try:
            with open(path, encoding="utf-8") as fh:
                data = AdFile.model_validate(json.load(fh))
        except OSError as exc:
            raise AdDataError(f"cannot read {path}: {exc}") from exc
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in err["loc"])
            raise AdDataError(f"{path}: {where}: {err['msg']}") from exc
        except ValueError as exc:
            raise AdDataError(f"{path}: not valid JSON ({exc})") from exc
        ids = [ad.id for ad in data.ads]
        if len(set(ids)) != len(ids):
            raise AdDataError(f"{path}: ad ids are not unique")
        return cls(data.ads)

    def choose(self, categories: list[str], limit: int = LIMIT) -> list[Ad]:
        """Up to `limit` ads in the categories, else any; the same categories, the same ads."""
        wanted = set(categories)
        rng = random.Random(",".join(sorted(wanted)))
        pool = [ad for ad in self.ads if ad.category in wanted] or self.ads
        return rng.sample(pool, min(limit, len(pool)))
