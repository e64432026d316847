/**
 * The benchmarks, {@code bench} and {@code bench-digest}: beside the product, in {@code briefing-bot-bench.jar} of
 * their own. Nothing of the bot depends on them ({@code ArchitectureTest}).
 */
package dev.briefing.bot.bench;
