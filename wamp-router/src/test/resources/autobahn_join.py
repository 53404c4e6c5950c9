# Joins a WAMP router with one Autobahn|Python authenticator and prints one line: RESULT {json}.
# usage: autobahn_join.py URL REALM METHOD CONFIG_JSON   (METHOD "anonymous" joins without authenticator)
import asyncio
import json
import sys

import txaio
txaio.use_asyncio()
from autobahn.asyncio.wamp import Session
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp.auth import create_authenticator
from autobahn.wamp.serializer import JsonSerializer
from autobahn.wamp.types import ComponentConfig
from autobahn.websocket.util import parse_url

url, realm, method, config = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
result = {"ok": False}
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
txaio.config.loop = loop


class Joiner(Session):
    def on_join(self, details):
        result.update(ok=True, authid=details.authid, authrole=details.authrole, authmethod=details.authmethod)
        self.leave()

    def on_leave(self, details):
        result.setdefault("reason", details.reason)
        self.disconnect()

    def on_disconnect(self):
        loop.stop()


def make():
    session = Joiner(ComponentConfig(realm=realm))
    if method != "anonymous":
        session.add_authenticator(create_authenticator(method, **config))
    return session


_, host, port, _, _, _ = parse_url(url)
factory = WampWebSocketClientFactory(make, url=url, serializers=[JsonSerializer()])
factory.setProtocolOptions(autoPingInterval=0)
loop.call_later(30, loop.stop)
loop.run_until_complete(loop.create_connection(factory, host, port))
loop.run_forever()
print("RESULT " + json.dumps(result), flush=True)
