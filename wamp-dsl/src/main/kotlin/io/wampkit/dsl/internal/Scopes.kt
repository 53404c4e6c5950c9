package io.wampkit.dsl.internal

import io.wampkit.dsl.CallScope
import io.wampkit.dsl.EventScope
import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import io.wampkit.session.WampSession

internal class DefaultCallScope(override val invocation: WampInvocation, override val session: WampSession) : CallScope

internal class DefaultEventScope(override val event: WampEvent, override val session: WampSession) : EventScope
