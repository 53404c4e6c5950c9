package io.wampkit.dsl

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

/** A runner-like process for [SigtermSpec]: one supervised worker; SIGTERM shuts it down gracefully. */
object SigtermMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val worker = wampComponent("worker") {
            url = args[0]
            reconnect = false
            register("com.sig.work") { n: Int ->
                println("STARTED $n")
                delay(1_000) // work in flight when SIGTERM arrives
                n * 2
            }
        }
        val supervisor = wampSupervisor { component(worker) }
        supervisor.shutdownOnSignals(deadline = 10.seconds)
        runBlocking {
            val ready = launch {
                worker.session.first { it != null }
                println("READY")
            }
            try {
                supervisor.run()
            } finally {
                ready.cancel()
            }
        }
        println("EXITING")
    }
}
