package io.wampkit.transport.tls.internal

import io.ktor.network.tls.TLSConfigBuilder
import io.wampkit.transport.tls.TlsConfig

/**
 * Ktor CIO's TLS client (used for `wss://`) checks the chain with [TlsConfig.trustManager], then the host
 * name against `serverName`, which defaults to the URL's host; so host names stay verified.
 */
internal fun TLSConfigBuilder.applyWampTls(tls: TlsConfig) {
    trustManager = tls.trustManager
    tls.serverName?.let { serverName = it }
}
