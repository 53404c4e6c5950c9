#!/usr/bin/python3
"""Autobahn|Python joins a WAMP router with one serializer, transport, TLS setting and auth method, then
calls a WampKit callee's echo procedure with a payload that includes binary, and checks the round trip.

Usage: autobahn_join_call.py URL REALM --serializer json|msgpack|cbor [--trust-root CERT.pem]
       [--authmethod anonymous|ticket|wampcra|cryptosign|scram --authid ID --secret S]
       [--procedure URI] [--expect-authrole ROLE]
URL is ws://, wss://, rs:// or rss://. Prints PASS/FAIL lines and a RESULT line; exit 0 only if every
check passed. Run with Debian's /usr/bin/python3 (python3-autobahn, -msgpack, -cbor2, -argon2, -nacl).
"""
import argparse
import asyncio
import ssl
import sys

from autobahn.asyncio.wamp import ApplicationRunner, ApplicationSession
from autobahn.wamp.auth import create_authenticator
from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer
from autobahn.wamp.types import CallResult

SERIALIZERS = {'json': JsonSerializer, 'msgpack': MsgPackSerializer, 'cbor': CBORSerializer}
SECRET_KEY = {'ticket': 'ticket', 'wampcra': 'secret', 'cryptosign': 'privkey', 'scram': 'password'}

ARGS = [42, -7, 2.5, 'zwölf ✓', True, None, [1, [2, 3]], {'nested': {'k': 'v'}}, b'\x00\x01\xfe\xffbinary']
KWARGS = {'bin': b'\x10\x00\x20', 'list': [True, False], 'text': 'ok'}

opts = None
outcome = {'failed': 0, 'passed': 0}


def check(name, good, detail=''):
    outcome['passed' if good else 'failed'] += 1
    print(('PASS  %s' % name) if good else ('FAIL  %s: %s' % (name, detail)), flush=True)


class Client(ApplicationSession):
    def onConnect(self):
        self.auth = None
        if opts.authmethod == 'anonymous':
            self.join(self.config.realm, authmethods=['anonymous'])
            return
        kwargs = {'authid': opts.authid, SECRET_KEY[opts.authmethod]: opts.secret}
        self.auth = create_authenticator(opts.authmethod, **kwargs)
        self.join(self.config.realm, authmethods=[opts.authmethod], authid=opts.authid,
                  authextra=self.auth.authextra)

    def onChallenge(self, challenge):
        if self.auth is None:
            raise Exception('unexpected challenge %s' % challenge.method)
        return self.auth.on_challenge(self, challenge)

    async def onJoin(self, details):
        try:
            if self.auth is not None:
                err = self.auth.on_welcome(self, details.authextra)
                check('welcome verified by the %s authenticator' % opts.authmethod, err is None, err)
            check('joined with authmethod %s' % opts.authmethod, details.authmethod == opts.authmethod,
                  details.authmethod)
            if opts.authid:
                check('authid is %s' % opts.authid, details.authid == opts.authid, details.authid)
            if opts.expect_authrole:
                check('authrole is %s' % opts.expect_authrole, details.authrole == opts.expect_authrole,
                      details.authrole)
            check('serializer is %s' % opts.serializer,
                  self._transport._serializer.SERIALIZER_ID == opts.serializer,
                  self._transport._serializer.SERIALIZER_ID)
            r = await asyncio.wait_for(self.call(opts.procedure, *ARGS, **KWARGS), 20)
            args = list(r.results) if isinstance(r, CallResult) else [r]
            kwargs = dict(r.kwresults or {}) if isinstance(r, CallResult) else {}
            check('echo args round trip (incl. binary)', args == ARGS, repr(args))
            check('echo kwargs round trip (incl. binary)', kwargs == KWARGS, repr(kwargs))
        except Exception as e:
            check('session', False, repr(e))
        self.leave()

    def onDisconnect(self):
        asyncio.get_event_loop().stop()


def main():
    global opts
    ap = argparse.ArgumentParser()
    ap.add_argument('url')
    ap.add_argument('realm')
    ap.add_argument('--serializer', default='json', choices=sorted(SERIALIZERS))
    ap.add_argument('--trust-root')
    ap.add_argument('--authmethod', default='anonymous', choices=['anonymous'] + sorted(SECRET_KEY))
    ap.add_argument('--authid')
    ap.add_argument('--secret')
    ap.add_argument('--procedure', default='com.wampkit.interop.echo')
    ap.add_argument('--expect-authrole')
    opts = ap.parse_args()
    tls = None
    if opts.url.startswith(('wss:', 'rss:')):
        tls = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=opts.trust_root)
    # Autobahn's RawSocket URL parser knows rs:// and rss://; the TLS context goes in through ssl=
    runner = ApplicationRunner(opts.url, opts.realm, serializers=[SERIALIZERS[opts.serializer]()], ssl=tls)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.call_later(40, lambda: (check('finished within 40 s', False, 'deadline'), loop.stop()))
    try:
        runner.run(Client)
    except Exception as e:
        check('connect', False, repr(e))
    print('RESULT autobahn-py/%s/%s/%s passed=%d failed=%d xfail=0 skipped=0' % (
        opts.url.split(':')[0], opts.serializer, opts.authmethod, outcome['passed'], outcome['failed']), flush=True)
    return 0 if outcome['failed'] == 0 and outcome['passed'] > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
