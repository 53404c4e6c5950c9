package io.wampkit.message

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Every string over [alphabet] up to [maxLength] characters, the empty one included. */
private fun strings(alphabet: String, maxLength: Int): List<String> {
    val out = mutableListOf("")
    var last = listOf("")
    repeat(maxLength) {
        last = last.flatMap { s -> alphabet.map { s + it } }
        out += last
    }
    return out
}

/**
 * The URI patterns of pattern-based subscriptions and registrations, as the router's broker, dealer and
 * authorizer and the client's checks all use them: which patterns are valid and what they match.
 */
class WampUriPatternsSpec : FunSpec({
    test("exact: a valid URI, matched by equality only") {
        WampUris.isValidUri("com.myapp.create") shouldBe true
        WampUris.isValidUri("com..create") shouldBe false
        WampUris.isValidUri("com.myapp.") shouldBe false
    }

    test("a prefix pattern is a valid URI, optionally ending with a dot") {
        for (valid in listOf("com", "com.myapp", "com.myapp.", "com.例え.")) {
            withClue("'$valid'") { WampUris.isValidPrefixPattern(valid) shouldBe true }
        }
        for (invalid in listOf("", ".", "..", ".com", "com..myapp", "com.myapp..", "com. app", "com.#", "com.myapp. ")) {
            withClue("'$invalid'") { WampUris.isValidPrefixPattern(invalid) shouldBe false }
        }
    }

    test("a wildcard pattern may have empty components, but not only empty ones") {
        for (valid in listOf("com..create", "..create", "com..", ".b", "com.myapp.create", "a...b")) {
            withClue("'$valid'") { WampUris.isValidWildcardPattern(valid) shouldBe true }
        }
        for (invalid in listOf("", ".", "..", "...", "com. x", "com..#")) {
            withClue("'$invalid'") { WampUris.isValidWildcardPattern(invalid) shouldBe false }
        }
    }

    test("prefix matching is a string prefix, as in the spec's emergency example") {
        WampUris.matchesPrefix("com.myapp", "com.myapp") shouldBe true
        WampUris.matchesPrefix("com.myapp", "com.myapp.x") shouldBe true
        WampUris.matchesPrefix("com.myapp", "com.myapp2") shouldBe true
        WampUris.matchesPrefix("com.myapp.topic.emergency", "com.myapp.topic.emergency-low") shouldBe true
        WampUris.matchesPrefix("com.myapp.", "com.myapp.x") shouldBe true
        WampUris.matchesPrefix("com.myapp.", "com.myapp") shouldBe false
        WampUris.matchesPrefix("com.myapp", "com.my") shouldBe false
        WampUris.matchesPrefix("com.myapp", "org.com.myapp") shouldBe false
    }

    test("wildcard matching: the same number of components, each empty one matching any") {
        WampUris.matchesWildcard("com..create", "com.myapp.create") shouldBe true
        WampUris.matchesWildcard("com..create", "com.myapp.foo.create") shouldBe false
        WampUris.matchesWildcard("com..create", "com.create") shouldBe false
        WampUris.matchesWildcard("com..create", "com.myapp.delete") shouldBe false
        WampUris.matchesWildcard("com..create", "com.myapp.created") shouldBe false
        WampUris.matchesWildcard("com.myapp..userevent", "com.myapp2.foo.userevent") shouldBe false
        WampUris.matchesWildcard("a..", "a.b.c") shouldBe true
        WampUris.matchesWildcard("a..", "a.b") shouldBe false
        WampUris.matchesWildcard(".b", "a.b") shouldBe true
        WampUris.matchesWildcard("..c", "a.b.c") shouldBe true
        WampUris.matchesWildcard("a.b.c", "a.b.c") shouldBe true
    }

    test("wildcard matching agrees with the component-wise definition on every short string") {
        val all = strings("ab.", 5)
        for (pattern in all) {
            val parts = pattern.split('.')
            for (uri in all) {
                val components = uri.split('.')
                val expected = components.size == parts.size && parts.indices.all { parts[it].isEmpty() || parts[it] == components[it] }
                if (WampUris.matchesWildcard(pattern, uri) != expected) {
                    withClue("pattern '$pattern', uri '$uri'") { WampUris.matchesWildcard(pattern, uri) shouldBe expected }
                }
            }
        }
    }

    test("the prefix and wildcard rules agree with their definitions on every short string") {
        for (s in strings("ab. #", 5)) {
            val components = s.split('.')
            val clean = s.isNotEmpty() && s.none { it == '#' || it.isWhitespace() }
            withClue("'$s'") {
                WampUris.isValidPrefixPattern(s) shouldBe (clean && components.dropLast(1).none { it.isEmpty() } && components.size > 1 || WampUris.isValidUri(s))
                WampUris.isValidWildcardPattern(s) shouldBe (clean && components.any { it.isNotEmpty() })
            }
        }
    }
})
