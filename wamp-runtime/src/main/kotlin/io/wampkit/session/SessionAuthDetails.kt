package io.wampkit.session

/** The `authid` WELCOME granted this session, or null when the router sent none. */
public val WampSession.authId: String? get() = welcomeDetails.string("authid")

/** The `authrole` WELCOME granted this session, or null when the router sent none. */
public val WampSession.authRole: String? get() = welcomeDetails.string("authrole")

/** The `authmethod` the router used for this session (e.g. `anonymous`, `ticket`), or null. */
public val WampSession.authMethod: String? get() = welcomeDetails.string("authmethod")

/** The `authprovider` WELCOME named (e.g. `static`), or null. */
public val WampSession.authProvider: String? get() = welcomeDetails.string("authprovider")
