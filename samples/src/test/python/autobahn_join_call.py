#!/usr/bin/python3
"""Autobahn|Python joins a WAMP router with one serializer, transport, TLS setting and auth method, then
calls a WampKit callee's echo procedure with a payload that includes binary, and checks the round trip.

Usage: autobahn_join_call.py URL REALM --serializer json|msgpack|cbor [--trust-root CERT.pem]
       [--authmethod anonymous|ticket|wampcra|cryptosign|scram --authid ID --secret S]
       [--procedure URI] [--expect-authrole ROLE]
URL is ws://, wss://, rs:// or rss://. WebSocket runs on Autobahn's asyncio ApplicationRunner; RawSocket on
its Twisted ApplicationRunner, because Autobahn 22.7.1's asyncio RawSocket client fails right after WELCOME
(AttributeError: transport_details). --trust-root is the PEM of the (self-signed) certificate to trust for
wss:// and rss://. Prints PASS/FAIL lines (a refused join prints `FAIL  join: <ABORT reason> ...`) and a
RESULT line; exit 0 only if every check passed. Run with Debian's /usr/bin/python3 (python3-autobahn,
-msgpack, -cbor2, -argon2, -nacl, -twisted).
"""
import argparse
import sys

# autobahn.wamp.serializer binds txaio's time_ns on import: import it (and the rest of Autobahn) only once
# AsyncioLoop or TwistedLoop has selected txaio's framework
SERIALIZERS = ('json', 'msgpack', 'cbor')
SECRET_KEY = {'ticket': 'ticket', 'wampcra': 'secret', 'cryptosign': 'privkey', 'scram': 'password'}

ARGS = [42, -7, 2.5, 'zwölf ✓', True, None, [1, [2, 3]], {'nested': {'k': 'v'}}, b'\x00\x01\xfe\xffbinary']
KWARGS = {'bin': b'\x10\x00\x20', 'list': [True, False], 'text': 'ok'}
CALL_TIMEOUT = 20
DEADLINE = 40

opts = None
outcome = {'failed': 0, 'passed': 0}


def out(line):
    # the real stdout: Twisted's logging (started by its runner) redirects sys.stdout into its log,
    # which would prefix our PASS/FAIL/RESULT lines with a timestamp
    sys.__stdout__.write(line + '\n')
    sys.__stdout__.flush()


def check(name, good, detail=''):
    outcome['passed' if good else 'failed'] += 1
    out(('PASS  %s' % name) if good else ('FAIL  %s: %s' % (name, detail)))


class AsyncioLoop:
    """WebSocket (ws://, wss://) on Autobahn's asyncio runner."""

    def __init__(self):
        import asyncio
        import ssl
        from autobahn.asyncio.wamp import ApplicationRunner, ApplicationSession
        self.asyncio, self.ssl = asyncio, ssl
        self.Runner, self.Session = ApplicationRunner, ApplicationSession
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)

    def tls(self, host, trust_root):
        return self.ssl.create_default_context(purpose=self.ssl.Purpose.SERVER_AUTH, cafile=trust_root)

    def with_timeout(self, fut, seconds):
        return self.asyncio.wait_for(fut, seconds)

    def call_later(self, seconds, fun):
        self.loop.call_later(seconds, fun)

    def stop(self):
        self.loop.stop()


class TwistedLoop:
    """RawSocket (rs://, rss://) on Autobahn's Twisted runner."""

    def __init__(self):
        from twisted.internet import reactor
        from autobahn.twisted.wamp import ApplicationRunner, ApplicationSession
        self.reactor = reactor
        self.Runner, self.Session = ApplicationRunner, ApplicationSession

    def tls(self, host, trust_root):
        from twisted.internet.ssl import Certificate, optionsForClientTLS
        with open(trust_root) as f:
            return optionsForClientTLS(host, trustRoot=Certificate.loadPEM(f.read()))

    def with_timeout(self, d, seconds):
        return d.addTimeout(seconds, self.reactor)

    def call_later(self, seconds, fun):
        self.reactor.callLater(seconds, fun)

    def stop(self):
        if self.reactor.running:
            self.reactor.stop()


def client_class(fw):
    from autobahn.wamp.auth import create_authenticator
    from autobahn.wamp.types import CallResult

    class Client(fw.Session):
        joined = False

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
            Client.joined = True
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
                r = await fw.with_timeout(self.call(opts.procedure, *ARGS, **KWARGS), CALL_TIMEOUT)
                args = list(r.results) if isinstance(r, CallResult) else [r]
                kwargs = dict(r.kwresults or {}) if isinstance(r, CallResult) else {}
                check('echo args round trip (incl. binary)', args == ARGS, repr(args))
                check('echo kwargs round trip (incl. binary)', kwargs == KWARGS, repr(kwargs))
            except Exception as e:
                check('session', False, repr(e))
            self.leave()

        def onLeave(self, details):
            if not Client.joined:
                check('join', False, '%s %s' % (details.reason, details.message or ''))
            super().onLeave(details)

        def onDisconnect(self):
            fw.stop()

    return Client


def main():
    global opts
    ap = argparse.ArgumentParser()
    ap.add_argument('url')
    ap.add_argument('realm')
    ap.add_argument('--serializer', default='json', choices=SERIALIZERS)
    ap.add_argument('--trust-root')
    ap.add_argument('--authmethod', default='anonymous', choices=['anonymous'] + sorted(SECRET_KEY))
    ap.add_argument('--authid')
    ap.add_argument('--secret')
    ap.add_argument('--procedure', default='com.wampkit.interop.echo')
    ap.add_argument('--expect-authrole')
    opts = ap.parse_args()
    scheme = opts.url.split(':')[0]
    fw = TwistedLoop() if scheme in ('rs', 'rss') else AsyncioLoop()
    fw.call_later(DEADLINE, lambda: (check('finished within %d s' % DEADLINE, False, 'deadline'), fw.stop()))
    try:
        tls = None
        if scheme in ('wss', 'rss'):
            from urllib.parse import urlparse
            tls = fw.tls(urlparse(opts.url).hostname, opts.trust_root)
        from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer
        serializer = {'json': JsonSerializer, 'msgpack': MsgPackSerializer, 'cbor': CBORSerializer}[opts.serializer]
        runner = fw.Runner(opts.url, opts.realm, serializers=[serializer()], ssl=tls)
        runner.run(client_class(fw))
    except Exception as e:
        check('connect', False, repr(e))
    out('RESULT autobahn-py/%s/%s/%s passed=%d failed=%d xfail=0 skipped=0' % (
        scheme, opts.serializer, opts.authmethod, outcome['passed'], outcome['failed']))
    return 0 if outcome['failed'] == 0 and outcome['passed'] > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
