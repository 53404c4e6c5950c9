package io.wampkit.samples

import io.wampkit.WampException
import io.wampkit.dsl.proxy
import io.wampkit.dsl.register
import io.wampkit.dsl.wampComponent
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.serialization.Serializable

@Serializable
data class Item(val sku: String, val name: String, val price: Double)

@Serializable
data class OrderLine(val sku: String, val quantity: Int = 1)

@Serializable
data class QuotedLine(val item: Item, val quantity: Int, val amount: Double)

@Serializable
data class Quote(val lines: List<QuotedLine>, val total: Double, val currency: String = "EUR")

/** The shop as its callers see it: `proxy<Shop>("com.example.shop")`. */
interface Shop {
    suspend fun catalog(): List<Item>

    suspend fun quote(lines: List<OrderLine>, coupon: String?): Quote
}

private val CATALOG = listOf(Item("tea", "Green tea", 4.5), Item("mug", "Mug", 9.0))

/**
 * The typed sample: a shop service defined with the DSL (data classes in and out) and a client that uses it
 * through a `proxy<Shop>` interface; [say] gets one line per exchange. Returns the client's quote.
 */
suspend fun runTypedSample(url: String, realm: String, say: (String) -> Unit): Quote = coroutineScope {
    val ready = CompletableDeferred<Unit>()
    val done = CompletableDeferred<Unit>()
    launch {
        wampComponent("shop") {
            this.url = url; this.realm = realm
            onJoin {
                register("com.example.shop.catalog") { -> CATALOG }
                register("com.example.shop.quote") { lines: List<OrderLine>, coupon: String? ->
                    val quoted = lines.map { line ->
                        val item = CATALOG.firstOrNull { it.sku == line.sku }
                            ?: throw WampException("com.example.shop.unknown_sku", wampListOf("no item '${line.sku}'"))
                        QuotedLine(item, line.quantity, item.price * line.quantity)
                    }
                    val sum = quoted.sumOf { it.amount }
                    Quote(quoted, if (coupon == "TENOFF") sum * 0.9 else sum)
                }
                say("shop: registered com.example.shop.catalog and com.example.shop.quote")
                ready.complete(Unit)
                done.await()
                leave()
            }
        }.run()
    }
    ready.await()
    val quote = CompletableDeferred<Quote>()
    try {
        wampComponent("customer") {
            this.url = url; this.realm = realm
            onJoin {
                val shop = proxy<Shop>("com.example.shop")
                say("customer: catalog ${shop.catalog().joinToString { "${it.sku} ${it.price}" }}")
                val q = shop.quote(listOf(OrderLine("tea", 2), OrderLine("mug")), coupon = "TENOFF")
                say("customer: quote total ${q.total} ${q.currency} for ${q.lines.size} lines")
                try {
                    shop.quote(listOf(OrderLine("cake")), null)
                } catch (e: WampException) {
                    say("customer: ${e.message}")
                }
                try {
                    callBadly()
                } catch (e: WampException) {
                    say("customer: ${e.message}")
                }
                quote.complete(q)
                leave()
            }
        }.run()
    } finally {
        done.complete(Unit)
    }
    quote.await()
}

/** A wrong argument: the typed handler answers `wamp.error.invalid_argument` naming it. */
private suspend fun io.wampkit.dsl.ComponentSession.callBadly() {
    callResult("com.example.shop.quote", wampListOf("not a list"))
}

/** `java -cp samples/target/wampkit-samples.jar io.wampkit.samples.TypedServiceSampleKt [--url ws://...] [--realm realm1]` */
fun main(args: Array<String>) {
    val options = sampleOptions(args, "--url", "--realm")
    val realm = options["--realm"] ?: "realm1"
    runSampleMain("typed sample", options["--url"], realm) { url, say -> runTypedSample(url, realm, say) }
}
