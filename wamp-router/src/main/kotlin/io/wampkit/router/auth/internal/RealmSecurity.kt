package io.wampkit.router.auth.internal

import io.wampkit.router.auth.WampAuthenticator
import io.wampkit.router.auth.WampAuthorizer

/** A realm's authenticators by method and its authorizer (null: everything is permitted). */
internal class RealmSecurity(val authenticators: Map<String, WampAuthenticator>, val authorizer: WampAuthorizer?) {
    companion object {
        /** A realm configured without a block: anonymous sessions that may do everything. */
        val OPEN: RealmSecurity = RealmSecurity(mapOf("anonymous" to AnonymousAuthenticator("anonymous")), null)
    }
}
