package io.wampkit.auth

/**
 * Which flavour of WAMP-SCRAM a peer speaks.
 *
 * [WAMP_SCRAM] follows the WAMP specification (`wamp-scram`, KDF `argon2id13`, `c=biws`, WELCOME
 * `authextra.verifier`). [CROSSBAR] is what Crossbar.io and Autobahn (e.g. Autobahn|Python 22.7.1) implement:
 * authmethod `scram`, KDF `argon2id-13`, an empty channel-binding attribute `c=`, the Argon2 salted password
 * taken as its unpadded base64 text, and WELCOME `authextra.scram_server_signature`.
 *
 * @property method the `authmethod` string of this dialect.
 */
public enum class ScramDialect(public val method: String) {
    /** The WAMP specification's `wamp-scram`. */
    WAMP_SCRAM("wamp-scram"),

    /** Crossbar.io / Autobahn `scram`. */
    CROSSBAR("scram"),
    ;

    /** The `kdf` string of [kdf] in this dialect's CHALLENGE. */
    public fun kdfName(kdf: ScramKdf): String = when (kdf) {
        ScramKdf.PBKDF2 -> "pbkdf2"
        ScramKdf.ARGON2ID -> if (this == WAMP_SCRAM) "argon2id13" else "argon2id-13"
    }

    /** The [ScramKdf] that [name] denotes in this dialect, or null. */
    public fun kdfOf(name: String?): ScramKdf? = ScramKdf.entries.firstOrNull { kdfName(it) == name }

    /** The WELCOME.Details.authextra key of the server signature. */
    public val verifierKey: String get() = if (this == WAMP_SCRAM) "verifier" else "scram_server_signature"

    public companion object {
        /** The dialect whose authmethod is [method], or null. */
        public fun ofMethod(method: String): ScramDialect? = entries.firstOrNull { it.method == method }
    }
}

/** The key derivation function of a SCRAM credential. */
public enum class ScramKdf {
    /** Argon2id v1.3, parallelism 1 (memory-hard; recommended). */
    ARGON2ID,

    /** PBKDF2-HMAC-SHA256. */
    PBKDF2,
}

/** The SCRAM computations of RFC 5802 / RFC 7677 as WAMP-SCRAM uses them (HMAC-SHA256). */
public object WampScram {
    private val clientKeyLabel = "Client Key".toByteArray(Charsets.US_ASCII)
    private val serverKeyLabel = "Server Key".toByteArray(Charsets.US_ASCII)

    /** `SaltedPassword = KDF(password, salt, params)`, in [dialect]'s encoding. [memoryKiB] only for Argon2id. */
    public fun saltedPassword(
        dialect: ScramDialect,
        kdf: ScramKdf,
        password: String,
        salt: ByteArray,
        iterations: Int,
        memoryKiB: Int,
    ): ByteArray = when (kdf) {
        ScramKdf.PBKDF2 -> WampAuthCrypto.pbkdf2Sha256(password, salt, iterations, WampAuthCrypto.SCRAM_KEY_LENGTH)
        ScramKdf.ARGON2ID -> {
            val raw = WampAuthCrypto.argon2id(password, salt, iterations, memoryKiB)
            if (dialect == ScramDialect.WAMP_SCRAM) {
                raw
            } else {
                java.util.Base64.getEncoder().withoutPadding().encodeToString(raw).toByteArray(Charsets.US_ASCII)
            }
        }
    }

    /** `ClientKey = HMAC(SaltedPassword, "Client Key")`. */
    public fun clientKey(saltedPassword: ByteArray): ByteArray = WampAuthCrypto.hmacSha256(saltedPassword, clientKeyLabel)

    /** `StoredKey = SHA256(ClientKey)`. */
    public fun storedKey(saltedPassword: ByteArray): ByteArray = WampAuthCrypto.sha256(clientKey(saltedPassword))

    /** `ServerKey = HMAC(SaltedPassword, "Server Key")`. */
    public fun serverKey(saltedPassword: ByteArray): ByteArray = WampAuthCrypto.hmacSha256(saltedPassword, serverKeyLabel)

    /**
     * `AuthMessage = ClientFirstBare + "," + ServerFirst + "," + ClientFinalNoProof` without channel binding.
     * [saltBase64] is the salt exactly as CHALLENGE carried it.
     */
    public fun authMessage(
        dialect: ScramDialect,
        authId: String,
        clientNonce: String,
        serverNonce: String,
        saltBase64: String,
        iterations: Int,
    ): ByteArray {
        val user = if (dialect == ScramDialect.WAMP_SCRAM) authId.replace("=", "=3D").replace(",", "=2C") else authId
        val channel = if (dialect == ScramDialect.WAMP_SCRAM) "biws" else ""
        return "n=$user,r=$clientNonce,r=$serverNonce,s=$saltBase64,i=$iterations,c=$channel,r=$serverNonce"
            .toByteArray(Charsets.UTF_8)
    }

    /** `ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage)`. */
    public fun clientProof(saltedPassword: ByteArray, authMessage: ByteArray): ByteArray {
        val clientKey = clientKey(saltedPassword)
        val signature = WampAuthCrypto.hmacSha256(WampAuthCrypto.sha256(clientKey), authMessage)
        return ByteArray(clientKey.size) { (clientKey[it].toInt() xor signature[it].toInt()).toByte() }
    }

    /** Whether [proof] proves knowledge of the password behind [storedKey] (constant time). */
    public fun verifyClientProof(storedKey: ByteArray, authMessage: ByteArray, proof: ByteArray): Boolean {
        val signature = WampAuthCrypto.hmacSha256(storedKey, authMessage)
        if (proof.size != signature.size) return false
        val recovered = ByteArray(signature.size) { (signature[it].toInt() xor proof[it].toInt()).toByte() }
        return WampAuthCrypto.constantTimeEquals(WampAuthCrypto.sha256(recovered), storedKey)
    }

    /** `ServerSignature = HMAC(ServerKey, AuthMessage)`. */
    public fun serverSignature(serverKey: ByteArray, authMessage: ByteArray): ByteArray =
        WampAuthCrypto.hmacSha256(serverKey, authMessage)
}
