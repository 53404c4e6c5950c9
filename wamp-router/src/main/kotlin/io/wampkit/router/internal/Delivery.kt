package io.wampkit.router.internal

import io.wampkit.message.WampMessage

/** A message the router has decided to send to a session, sent after the realm's lock is released. */
internal class Delivery(val to: RouterSession, val message: WampMessage)
