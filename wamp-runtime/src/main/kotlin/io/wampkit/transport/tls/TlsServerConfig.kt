package io.wampkit.transport.tls

import io.wampkit.transport.tls.internal.DefaultTlsServerConfig
import io.wampkit.transport.tls.internal.Pem
import java.nio.file.Path
import java.security.KeyStore

/**
 * The router's certificate and private key for `wss://` and RawSocket over TLS. Create with
 * [tlsServerConfig] (a key store) or [tlsServerConfigFromPem] (PEM files).
 */
public interface TlsServerConfig {
    /** Holds the private key entry [keyAlias] and its certificate chain. */
    public val keyStore: KeyStore

    /** The alias of the key entry to serve. */
    public val keyAlias: String

    /** Unlocks [keyStore] and the key entry; never logged. */
    public val password: CharArray
}

/**
 * Serves the key entry [alias] of [keyStore] (the first key entry when null); [password] unlocks both the
 * store and the key.
 */
public fun tlsServerConfig(keyStore: KeyStore, password: CharArray, alias: String? = null): TlsServerConfig {
    val chosen = alias ?: keyStore.aliases().toList().firstOrNull { keyStore.isKeyEntry(it) }
        ?: throw IllegalArgumentException("the key store holds no private key entry")
    require(keyStore.isKeyEntry(chosen)) { "'$chosen' is not a private key entry of the key store" }
    requireNotNull(keyStore.getKey(chosen, password)) { "no key '$chosen' in the key store" }
    return DefaultTlsServerConfig(keyStore, chosen, password.copyOf())
}

/** Loads a key store file (PKCS12 or JKS, detected); see the other [tlsServerConfig]. */
public fun tlsServerConfig(path: Path, password: CharArray, alias: String? = null): TlsServerConfig =
    tlsServerConfig(KeyStore.getInstance(path.toFile(), password), password, alias)

/**
 * Serves [certificateChainPem] (leaf first, `-----BEGIN CERTIFICATE-----` blocks) with the unencrypted
 * PKCS#8 private key [privateKeyPem] (`-----BEGIN PRIVATE KEY-----`, RSA or EC, as `openssl genpkey` writes it).
 */
public fun tlsServerConfigFromPem(certificateChainPem: String, privateKeyPem: String): TlsServerConfig {
    val chain = Pem.certificates(certificateChainPem)
    require(chain.isNotEmpty()) { "no PEM certificate found" }
    val key = Pem.privateKey(privateKeyPem)
    val password = Pem.randomPassword()
    val store = KeyStore.getInstance("PKCS12").apply { load(null, null) }
    store.setKeyEntry(DefaultTlsServerConfig.PEM_ALIAS, key, password, chain.toTypedArray())
    return DefaultTlsServerConfig(store, DefaultTlsServerConfig.PEM_ALIAS, password)
}

/** Reads the PEM files at [certificateChain] and [privateKey]; see the other [tlsServerConfigFromPem]. */
public fun tlsServerConfigFromPem(certificateChain: Path, privateKey: Path): TlsServerConfig =
    tlsServerConfigFromPem(certificateChain.toFile().readText(), privateKey.toFile().readText())
