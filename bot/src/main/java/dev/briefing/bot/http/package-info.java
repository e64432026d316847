/**
 * The bot's HTTP listener ({@code run --listen HOST:PORT}): Telegram's webhook, when the bot runs in webhook mode,
 * {@code /healthz} for a load balancer and {@code /metrics} for Prometheus. The seams it serves are at the root
 * ({@link dev.briefing.bot.http.Webhook}, {@link dev.briefing.bot.http.Health}); the Telegram adapter implements the
 * webhook, so this package never sees the Telegram library. {@link dev.briefing.bot.http.HttpListener} runs them on
 * Javalin (Jetty).
 */
package dev.briefing.bot.http;
