package io.wampkit.bench

import org.knowm.xchart.BitmapEncoder
import org.knowm.xchart.CategoryChart
import org.knowm.xchart.CategoryChartBuilder
import org.knowm.xchart.style.Styler
import java.io.File
import kotlin.system.exitProcess

/**
 * Draws docs/performance.png from the TSV bench/run.sh writes: one row per client → router with the medians of
 * the interop harness's bench.sh. Two panels: calls/s and events/s as grouped bars (higher is better), and the
 * p50 latency in µs (lower is better; p99, an order of magnitude larger, would flatten it: it stays in the table).
 *
 * TSV: lines starting with `#` are comments (`# title: ...` sets the chart title); the first other line is the
 * header `label p50_us p99_us calls_per_s events_per_s` (tab-separated), then one line per row; a missing
 * figure is `-`.
 *
 * Run headless: `java -Djava.awt.headless=true -cp bench/target/benchmarks.jar io.wampkit.bench.PerformanceChart in.tsv out.png`
 */
object PerformanceChart {
    private const val WIDTH = 1100
    private const val HEIGHT = 500
    private val COLUMNS = listOf("label", "p50_us", "p99_us", "calls_per_s", "events_per_s")

    class Row(val label: String, val p50: Double?, val p99: Double?, val callsPerSecond: Double?, val eventsPerSecond: Double?)

    @JvmStatic
    fun main(args: Array<String>) {
        if (args.size != 2) {
            System.err.println("usage: PerformanceChart IN.tsv OUT.png")
            exitProcess(2)
        }
        System.setProperty("java.awt.headless", "true")
        val (title, rows) = read(File(args[0]))
        require(rows.isNotEmpty()) { "${args[0]}: no rows" }
        val out = File(args[1])
        // a missing figure (a peer that failed) is a gap, not a zero bar
        val charts = listOf(throughput(title, rows), latency(rows))
        BitmapEncoder.saveBitmap(charts, 2, 1, out.path.removeSuffix(".png"), BitmapEncoder.BitmapFormat.PNG)
        println("wrote $out (${rows.size} rows)")
    }

    fun read(file: File): Pair<String, List<Row>> {
        var title = "WampKit performance"
        val lines = file.readLines().filter { it.isNotBlank() }
        val data = ArrayList<List<String>>()
        for (line in lines) {
            if (line.startsWith("#")) {
                val comment = line.removePrefix("#").trim()
                if (comment.startsWith("title:")) title = comment.removePrefix("title:").trim()
            } else {
                data.add(line.split('\t'))
            }
        }
        require(data.isNotEmpty() && data[0] == COLUMNS) { "${file.path}: the header must be ${COLUMNS.joinToString("\\t")}" }
        val rows = data.drop(1).map { f ->
            require(f.size == COLUMNS.size) { "${file.path}: expected ${COLUMNS.size} columns in $f" }
            fun num(s: String): Double? = if (s == "-" || s.isEmpty()) null else s.toDouble()
            Row(f[0], num(f[1]), num(f[2]), num(f[3]), num(f[4]))
        }
        return title to rows
    }

    private fun style(chart: CategoryChart, labelPattern: String) {
        chart.styler
            .setLegendPosition(Styler.LegendPosition.OutsideS)
            .setLegendLayout(Styler.LegendLayout.Horizontal)
            .setDecimalPattern(labelPattern)
        chart.styler
            .setLabelsVisible(true)
            .setLabelsFontColorAutomaticEnabled(false)
            .setOverlapped(false)
            .setAvailableSpaceFill(0.8)
        chart.styler
            .setYAxisDecimalPattern("#,###")
            .setXAxisLabelRotation(12)
            .setPlotGridVerticalLinesVisible(false)
    }

    private fun throughput(title: String, rows: List<Row>): CategoryChart {
        val chart = CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("client → router").yAxisTitle("per second (higher is better)").build()
        style(chart, "#,###")
        val labels = rows.map { it.label }
        chart.addSeries("calls/s (16 outstanding)", labels, rows.map { it.callsPerSecond })
        chart.addSeries("events/s (1 subscriber)", labels, rows.map { it.eventsPerSecond })
        return chart
    }

    private fun latency(rows: List<Row>): CategoryChart {
        val chart = CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Median call latency (p99 in the table)")
            .xAxisTitle("client → router").yAxisTitle("µs (lower is better)").build()
        style(chart, "#,##0.0")
        val labels = rows.map { it.label }
        chart.addSeries("p50 µs (sequential add2)", labels, rows.map { it.p50 })
        return chart
    }
}
