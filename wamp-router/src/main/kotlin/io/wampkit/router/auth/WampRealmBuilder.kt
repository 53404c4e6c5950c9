package io.wampkit.router.auth

import io.wampkit.auth.ScramDialect
import io.wampkit.router.WampRouterDsl
import io.wampkit.router.auth.internal.AnonymousAuthenticator
import io.wampkit.router.auth.internal.Permission
import io.wampkit.router.auth.internal.RealmSecurity
import io.wampkit.router.auth.internal.StaticAuthorizer
import io.wampkit.router.auth.internal.StaticCraAuthenticator
import io.wampkit.router.auth.internal.StaticCryptosignAuthenticator
import io.wampkit.router.auth.internal.StaticScramAuthenticator
import io.wampkit.router.auth.internal.StaticTicketAuthenticator

/**
 * Authentication and authorization of one realm:
 * ```
 * realm("realm1") {
 *     anonymous(role = "public")
 *     ticket { user("joe", ticket = "secret", role = "frontend") }
 *     role("frontend") { permit("com.example.", UriMatch.PREFIX, call = true, subscribe = true) }
 *     role("public") { permit("com.example.news", subscribe = true) }
 * }
 * ```
 * A realm block without any method admits nobody; one without `role`/`authorizer` permits everything to
 * whoever is admitted. With roles, a role that is not configured may do nothing.
 */
@WampRouterDsl
public class WampRealmBuilder internal constructor(private val name: String) {
    private val authenticators = LinkedHashMap<String, WampAuthenticator>()
    private val roles = LinkedHashMap<String, List<Permission>>()
    private var authorizer: WampAuthorizer? = null

    /** Admits sessions without credentials (authmethod `anonymous`, or no authmethods at all) as [role]. */
    public fun anonymous(role: String = "anonymous") {
        require(role.isNotEmpty()) { "the anonymous role must not be empty" }
        authenticator(AnonymousAuthenticator(role))
    }

    /** Static `ticket` principals. */
    public fun ticket(configure: TicketPrincipals.() -> Unit) {
        val users = TicketPrincipals().apply(configure).users
        require(users.isNotEmpty()) { "ticket { } of realm '$name' configures no user" }
        authenticator(StaticTicketAuthenticator(users.toMap()))
    }

    /** Static `wampcra` principals. */
    public fun wampcra(configure: CraPrincipals.() -> Unit) {
        val users = CraPrincipals().apply(configure).users
        require(users.isNotEmpty()) { "wampcra { } of realm '$name' configures no user" }
        authenticator(StaticCraAuthenticator(users.toMap()))
    }

    /** Static `cryptosign` principals (Ed25519 public keys). */
    public fun cryptosign(configure: CryptosignPrincipals.() -> Unit) {
        val keys = CryptosignPrincipals().apply(configure).keys
        require(keys.isNotEmpty()) { "cryptosign { } of realm '$name' configures no key" }
        authenticator(StaticCryptosignAuthenticator(keys.toList()))
    }

    /** Static SCRAM principals, served as the spec's `wamp-scram` and as Crossbar/Autobahn `scram`. */
    public fun scram(configure: ScramPrincipals.() -> Unit) {
        val users = ScramPrincipals().apply(configure).users
        require(users.isNotEmpty()) { "scram { } of realm '$name' configures no user" }
        for (dialect in ScramDialect.entries) authenticator(StaticScramAuthenticator(dialect, users.toMap()))
    }

    /** Plugs [authenticator] in for its method (e.g. one backed by a database); one per method. */
    public fun authenticator(authenticator: WampAuthenticator) {
        require(authenticator.method.isNotEmpty()) { "an authenticator needs a method name" }
        require(authenticators.put(authenticator.method, authenticator) == null) {
            "authmethod '${authenticator.method}' is configured twice in realm '$name'"
        }
    }

    /** The permissions of [name]; call once per role. */
    public fun role(name: String, configure: RoleBuilder.() -> Unit) {
        require(name.isNotEmpty()) { "a role needs a name" }
        require(authorizer == null) { "realm '${this.name}' has a custom authorizer; roles would be ignored" }
        require(name !in roles) { "role '$name' is configured twice in realm '${this.name}'" }
        roles[name] = RoleBuilder().apply(configure).permissions.toList()
    }

    /** Replaces the static roles with [authorizer]. */
    public fun authorizer(authorizer: WampAuthorizer) {
        require(roles.isEmpty() && this.authorizer == null) { "realm '$name' has roles or an authorizer already" }
        this.authorizer = authorizer
    }

    internal fun build(): RealmSecurity {
        require(authenticators.isNotEmpty()) {
            "realm '$name' admits nobody: configure anonymous(), ticket { }, wampcra { }, cryptosign { }, scram { } or an authenticator"
        }
        return RealmSecurity(authenticators.toMap(), authorizer ?: roles.takeIf { it.isNotEmpty() }?.let { StaticAuthorizer(it.toMap()) })
    }
}
