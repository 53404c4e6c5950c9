package io.wampkit.router.auth

import io.wampkit.auth.ScramDialect
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.router.WampRouterDsl
import io.wampkit.router.auth.internal.CraPrincipal
import io.wampkit.router.auth.internal.CryptosignPrincipal
import io.wampkit.router.auth.internal.ScramPrincipal
import io.wampkit.router.auth.internal.TicketPrincipal
import io.wampkit.router.auth.internal.randomBytes

private fun checkUser(authId: String, role: String, known: Set<String>) {
    require(authId.isNotEmpty()) { "authid must not be empty" }
    require(role.isNotEmpty()) { "role of '$authId' must not be empty" }
    require(authId !in known) { "principal '$authId' is configured twice" }
}

/** Static `ticket` principals; see [WampRealmBuilder.ticket]. */
@WampRouterDsl
public class TicketPrincipals internal constructor() {
    internal val users = LinkedHashMap<String, TicketPrincipal>()

    /** [authId] is admitted with [ticket] as [role]. */
    public fun user(authId: String, ticket: String, role: String) {
        checkUser(authId, role, users.keys)
        require(ticket.isNotEmpty()) { "ticket of '$authId' must not be empty" }
        users[authId] = TicketPrincipal(ticket.toByteArray(Charsets.UTF_8), role)
    }
}

/** Static `wampcra` principals; see [WampRealmBuilder.wampcra]. */
@WampRouterDsl
public class CraPrincipals internal constructor() {
    internal val users = LinkedHashMap<String, CraPrincipal>()

    /**
     * [authId] signs with [secret] as [role]. With [salt], the client derives the key with PBKDF2
     * ([iterations], [keyLength] bytes) as the CHALLENGE tells it; the router keeps only the derived key.
     */
    public fun user(authId: String, secret: String, role: String, salt: String? = null, iterations: Int = 1000, keyLength: Int = 32) {
        checkUser(authId, role, users.keys)
        require(secret.isNotEmpty()) { "secret of '$authId' must not be empty" }
        require(iterations in 1..10_000_000 && keyLength in 1..1024) { "PBKDF2 parameters of '$authId' out of range" }
        users[authId] = CraPrincipal(WampAuthCrypto.craKey(secret, salt, iterations, keyLength), role, salt, iterations, keyLength)
    }
}

/** Static `cryptosign` principals; see [WampRealmBuilder.cryptosign]. */
@WampRouterDsl
public class CryptosignPrincipals internal constructor() {
    internal val keys = ArrayList<CryptosignPrincipal>()

    /** [authId] proves itself with the Ed25519 key [publicKeyHex] (64 hex digits) as [role]; call again for more keys. */
    public fun user(authId: String, publicKeyHex: String, role: String) {
        checkUser(authId, role, emptySet())
        val key = runCatching { WampAuthCrypto.unhex(publicKeyHex) }.getOrNull()
        require(key != null && key.size == 32) { "public key of '$authId' must be 64 hex digits" }
        require(keys.none { it.publicKey.contentEquals(key) }) { "public key of '$authId' is configured twice" }
        require(keys.none { it.authId == authId && it.role != role }) { "'$authId' is configured with two roles" }
        keys += CryptosignPrincipal(authId, key, role)
    }
}

/** Static SCRAM principals (`wamp-scram` and Crossbar's `scram`); see [WampRealmBuilder.scram]. */
@WampRouterDsl
public class ScramPrincipals internal constructor() {
    internal val users = LinkedHashMap<String, ScramPrincipal>()

    /**
     * [authId] proves knowledge of [password] as [role]. The router derives and keeps only the SCRAM stored and
     * server keys (the KDF runs once, when the router is built). Defaults: Argon2id with 4096 iterations and
     * 512 KiB (as Autobahn's `derive_scram_credential`), PBKDF2 with 4096 iterations; a random 16-byte salt.
     */
    public fun user(
        authId: String,
        password: String,
        role: String,
        kdf: ScramKdf = ScramKdf.ARGON2ID,
        iterations: Int = 4096,
        memoryKiB: Int = 512,
        salt: ByteArray? = null,
    ) {
        checkUser(authId, role, users.keys)
        require(password.isNotEmpty()) { "password of '$authId' must not be empty" }
        require(iterations in 1..10_000_000) { "iterations of '$authId' out of range" }
        require(kdf != ScramKdf.PBKDF2 || iterations >= 1000) { "PBKDF2 needs at least 1000 iterations" }
        require(kdf != ScramKdf.ARGON2ID || memoryKiB in 8..1024 * 1024) { "memoryKiB of '$authId' out of range" }
        require(salt == null || salt.size >= 8) { "salt of '$authId' needs at least 8 bytes" }
        users[authId] = ScramPrincipal.derive(password, role, kdf, salt?.copyOf() ?: randomBytes(16), iterations, memoryKiB)
    }

    /**
     * [authId] as [role] with a credential derived elsewhere, so that no password is configured: e.g. the
     * `salt`, `stored-key` and `server-key` (hex) of a Crossbar.io principal or of Autobahn's
     * `derive_scram_credential`, which are [ScramDialect.CROSSBAR] keys. An Argon2id credential serves only
     * its [dialect]; a PBKDF2 one serves both.
     */
    public fun credential(
        authId: String,
        role: String,
        kdf: ScramKdf,
        saltHex: String,
        iterations: Int,
        memoryKiB: Int,
        storedKeyHex: String,
        serverKeyHex: String,
        dialect: ScramDialect = ScramDialect.CROSSBAR,
    ) {
        checkUser(authId, role, users.keys)
        fun bytes(name: String, hex: String, size: IntRange): ByteArray {
            val value = runCatching { WampAuthCrypto.unhex(hex) }.getOrNull()
            require(value != null && value.size in size) { "$name of '$authId' must be hex of ${size.first}..${size.last} bytes" }
            return value
        }
        val salt = bytes("salt", saltHex, 8..1024)
        val keys = bytes("stored key", storedKeyHex, 32..32) to bytes("server key", serverKeyHex, 32..32)
        require(iterations in 1..10_000_000 && (kdf != ScramKdf.ARGON2ID || memoryKiB in 8..1024 * 1024)) {
            "cost parameters of '$authId' out of range"
        }
        val dialects = if (kdf == ScramKdf.PBKDF2) ScramDialect.entries else listOf(dialect)
        users[authId] = ScramPrincipal(role, kdf, salt, iterations, memoryKiB, dialects.associateWith { keys })
    }
}
