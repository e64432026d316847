/**
 * What the running bot counts and measures: {@link dev.briefing.bot.metrics.Metrics} is the seam the rest of the bot
 * reports to, {@link dev.briefing.bot.metrics.PrometheusMetrics} keeps the figures in Micrometer and writes them in
 * Prometheus' text format, and {@link dev.briefing.bot.metrics.Metered} wraps the bot's own seams (the knowledge a
 * chat asks, the messenger that sends, the digest sender) so that chat, outbox and digest code never see a meter.
 */
package dev.briefing.bot.metrics;
