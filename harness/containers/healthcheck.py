"""The image's HEALTHCHECK: GET http://127.0.0.1:$SERVICE_PORT$HEALTH_PATH, exit 0 on a 2xx."""
import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    """Probe the process in this container; print why on failure."""
    url = f"http://127.0.0.1:{os.environ['SERVICE_PORT']}{os.environ.get('HEALTH_PATH', '/healthz')}"
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 0 if 200 <= response.status < 300 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
