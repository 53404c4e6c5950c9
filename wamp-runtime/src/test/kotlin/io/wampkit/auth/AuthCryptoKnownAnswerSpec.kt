package io.wampkit.auth

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * Known answers: RFC 7677's SCRAM-SHA-256 vector (the one the WAMP-SCRAM spec's examples use), RFC 8032's
 * Ed25519 vector, and values computed by Autobahn|Python 22.7.1 (auth.compute_wcs / derive_key / AuthScram),
 * PyNaCl and argon2-cffi.
 */
class AuthCryptoKnownAnswerSpec : FunSpec({
    val craChallenge = """{"authid":"peter","authrole":"user","authmethod":"wampcra","authprovider":"static",""" +
        """"nonce":"LHRTC9zeOIrt_9U3","timestamp":"2014-06-22T16:36:25.448Z","session":3251278072152162}"""

    test("WAMP-CRA: HMAC-SHA256 signature with the plain secret") {
        WampAuthCrypto.craSignature(WampAuthCrypto.craKey("secret"), craChallenge) shouldBe
            "SX0t7hxibiCOFkU+uKI3R6eYJ/vO4ElB/r1OqGLMQBI="
    }

    test("WAMP-CRA salted: the key is base64(PBKDF2(secret, salt, 1000, 32)) and signs as Autobahn does") {
        val key = WampAuthCrypto.craKey("secret", "salt123", 1000, 32)
        String(key, Charsets.US_ASCII) shouldBe "MDS8Yxpu4J/vkHJ8dNEgqECYsI0uRDh2oZ5eN0vYPvo="
        WampAuthCrypto.craSignature(key, craChallenge) shouldBe "kKXDd/l4+/xzuhbOihJkMp5/rarrusMjaCsLyqQ4iGI="
    }

    test("Ed25519: RFC 8032 test 1 public key and signature of the empty message") {
        val seed = WampAuthCrypto.unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed)) shouldBe
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        val signature = WampAuthCrypto.ed25519Sign(seed, ByteArray(0))
        WampAuthCrypto.hex(signature) shouldBe "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155" +
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        WampAuthCrypto.ed25519Verify(WampAuthCrypto.ed25519PublicKey(seed), ByteArray(0), signature) shouldBe true
    }

    test("Ed25519: a 32-byte cryptosign challenge signs as PyNaCl does; a flipped bit does not verify") {
        val seed = ByteArray(32) { it.toByte() }
        val challenge = ByteArray(32) { (100 + it).toByte() }
        val publicKey = WampAuthCrypto.ed25519PublicKey(seed)
        WampAuthCrypto.hex(publicKey) shouldBe "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
        val signature = WampAuthCrypto.ed25519Sign(seed, challenge)
        WampAuthCrypto.hex(signature) shouldBe "0e6d264980051744d1e68c83a5c480a44aaf8178de36baa71b3c95eeaa825b1d" +
            "5a435bbd6ea103d1e39a82d6b134f59f56c38c4d1496e64227847dba0552e80e"
        signature[0] = (signature[0].toInt() xor 1).toByte()
        WampAuthCrypto.ed25519Verify(publicKey, challenge, signature) shouldBe false
    }

    test("SCRAM (spec dialect, PBKDF2): RFC 7677's client proof and server signature") {
        val clientNonce = "rOprNGfwEbeRWgbNEkqO"
        val serverNonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF\$k0"
        val salt = "W22ZaJ0SNY7soEsUEjb6gQ=="
        val salted = WampScram.saltedPassword(
            ScramDialect.WAMP_SCRAM, ScramKdf.PBKDF2, "pencil", WampAuthCrypto.unbase64(salt), 4096, 0,
        )
        val message = WampScram.authMessage(ScramDialect.WAMP_SCRAM, "user", clientNonce, serverNonce, salt, 4096)
        WampAuthCrypto.base64(WampScram.clientProof(salted, message)) shouldBe "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        WampAuthCrypto.base64(WampScram.serverSignature(WampScram.serverKey(salted), message)) shouldBe
            "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
        WampScram.verifyClientProof(WampScram.storedKey(salted), message, WampScram.clientProof(salted, message)) shouldBe true
    }

    val clientNonce = "AAECAwQFBgcICQoLDA0ODw=="
    val serverNonce = clientNonce + "EBESExQVFhcYGRobHB0eHw=="
    val salt = WampAuthCrypto.base64("0123456789abcdef".toByteArray())

    test("Argon2id v1.3 (t=3, m=64 KiB, p=1) matches argon2-cffi") {
        WampAuthCrypto.hex(WampAuthCrypto.argon2id("pencil", "0123456789abcdef".toByteArray(), 3, 64)) shouldBe
            "ae75714db33024e680ad04dce66c5c768c0826e9b010c662d669378b5eeec374"
    }

    test("SCRAM (spec dialect, Argon2id): proof and server signature computed independently in Python") {
        val salted = WampScram.saltedPassword(ScramDialect.WAMP_SCRAM, ScramKdf.ARGON2ID, "pencil", WampAuthCrypto.unbase64(salt), 3, 64)
        val message = WampScram.authMessage(ScramDialect.WAMP_SCRAM, "bob", clientNonce, serverNonce, salt, 3)
        WampAuthCrypto.base64(WampScram.clientProof(salted, message)) shouldBe "w0XJRd/sreK74/ZZFcZInxNluu7Q7flBNDq90UARWEY="
        WampAuthCrypto.base64(WampScram.serverSignature(WampScram.serverKey(salted), message)) shouldBe
            "45CxHs9p+o1G3izpkG2F4Tv0lU0eDkBZzMktbsDM+Ms="
    }

    test("SCRAM (Crossbar dialect, argon2id-13): Autobahn|Python 22.7.1 AuthScram's proof and server signature") {
        val salted = WampScram.saltedPassword(ScramDialect.CROSSBAR, ScramKdf.ARGON2ID, "pencil", WampAuthCrypto.unbase64(salt), 3, 64)
        String(salted, Charsets.US_ASCII) shouldBe "rnVxTbMwJOaArQTc5mxcdowIJumwEMZi1mk3i17uw3Q"
        val message = WampScram.authMessage(ScramDialect.CROSSBAR, "bob", clientNonce, serverNonce, salt, 3)
        String(message, Charsets.UTF_8) shouldBe "n=bob,r=$clientNonce,r=$serverNonce,s=$salt,i=3,c=,r=$serverNonce"
        WampAuthCrypto.base64(WampScram.clientProof(salted, message)) shouldBe "oPKjeWm53mCotJroUqrUL48VV79cvvXRC5L1azEhCTs="
        WampAuthCrypto.base64(WampScram.serverSignature(WampScram.serverKey(salted), message)) shouldBe
            "Xtr6MYi426EIvRcN7FLzfSk+h7MKyNIeITt7FxcxBv0="
    }

    test("SCRAM spec dialect escapes ',' and '=' in the authid") {
        String(WampScram.authMessage(ScramDialect.WAMP_SCRAM, "a,b=c", "x", "xy", "s", 1), Charsets.UTF_8) shouldBe
            "n=a=2Cb=3Dc,r=x,r=xy,s=s,i=1,c=biws,r=xy"
    }
})
