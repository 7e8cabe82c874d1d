"""A load user forgets what it thought its cart held after a checkout that did not succeed
(a decline aside): a checkout that timed out may have placed the order and emptied the cart,
and a user that kept its lines would post an empty cart for the rest of the run.

The users run in a subprocess: importing Locust patches gevent, which xdist's workers
cannot take."""
import json
import subprocess
import sys

SCRIPT = """
import json
from types import SimpleNamespace
from harness.load import apiuser, shoppers, testdata

testdata.DATA.top_up = lambda lines, add: None
apiuser.random.random = lambda: 0.5  # neither a declined card nor an address abroad
FORM = '<input name="idempotency_key" value="k1">'

class Answer(SimpleNamespace):
    def json(self):
        return {"order_id": "o1"}

def shopper(location):
    user = SimpleNamespace(lines={"p1", "p2"}, add=lambda product: None,
                           page=lambda path, template: FORM, submit=lambda path, f: location)
    shoppers.Shopper.checkout(user)
    return sorted(user.lines)

def api_client(status):
    anonymous = SimpleNamespace(signed_in=False, headers=dict, sign_in=lambda: None,
                                end_visit=lambda: None)
    user = SimpleNamespace(lines={"p1"}, add=lambda product: None, cart_id="c1", currency="EUR",
                           call=lambda *args, **kwargs: Answer(status_code=status),
                           member=anonymous)
    user.place = lambda *args: apiuser.ApiShopper.place(user, *args)
    apiuser.ApiShopper.checkout(user)
    return sorted(user.lines)

print(json.dumps({"shopper": {where or "failed": shopper(where) for where in ("/order/o1", "")},
                  "api": {status: api_client(status) for status in (201, 402, 422, 504)}}))
"""


def test_users_forget_their_cart_after_any_checkout_but_a_decline():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    kept = json.loads(done.stdout.strip().splitlines()[-1])
    assert kept["shopper"] == {"/order/o1": [], "failed": []}
    assert kept["api"] == {"201": [], "402": ["p1"], "422": [], "504": []}
