package io.wampkit.interop

/**
 * What a harness caller/publisher/subscriber printed: `PASS|FAIL|XFAIL|SKIP <check>` lines and the
 * `RESULT <who> passed= failed= xfail= skipped=` summary (see the kit's common.py / js-common.js / Common.java).
 */
class PeerReport(val checks: List<Check>, val result: Result?) {

    /**
     * One check line. [name] is the check without its detail: `FAIL  name: detail`,
     * `XFAIL name [known router quirk q]: detail`, `SKIP  name: why`; [quirk] is set for XFAIL lines.
     */
    data class Check(val status: String, val name: String, val quirk: String?, val line: String)

    data class Result(val who: String, val passed: Int, val failed: Int, val xfail: Int, val skipped: Int)

    fun withStatus(status: String): List<Check> = checks.filter { it.status == status }

    fun named(name: String): Check? = checks.firstOrNull { it.name == name }

    companion object {
        const val PASS = "PASS"
        const val FAIL = "FAIL"
        const val XFAIL = "XFAIL"
        const val SKIP = "SKIP"

        private val CHECK = Regex("""^(PASS|FAIL|XFAIL|SKIP)\s+(.*)$""")
        private val QUIRK = Regex("""^(.*?) \[known router quirk ([^\]]+)]:.*$""")
        private val RESULT = Regex("""^RESULT (\S+) passed=(\d+) failed=(\d+) xfail=(\d+) skipped=(\d+)\s*$""")

        fun parse(lines: List<String>): PeerReport {
            val checks = lines.mapNotNull { line ->
                val m = CHECK.matchEntire(line) ?: return@mapNotNull null
                val (status, rest) = m.destructured
                when (status) {
                    PASS -> Check(status, rest.trim(), null, line)
                    XFAIL -> QUIRK.matchEntire(rest)?.let { Check(status, it.groupValues[1], it.groupValues[2], line) }
                        ?: Check(status, rest.substringBefore(": "), null, line)
                    else -> Check(status, rest.substringBefore(": "), null, line)
                }
            }
            val result = lines.firstNotNullOfOrNull { RESULT.matchEntire(it) }?.destructured?.let { (who, p, f, x, s) ->
                Result(who, p.toInt(), f.toInt(), x.toInt(), s.toInt())
            }
            return PeerReport(checks, result)
        }
    }
}

fun Peer.report(): PeerReport = PeerReport.parse(lines())
