package dev.briefing.bot.http;

import java.util.Optional;

/** Whether the bot can serve: asked on every {@code /healthz} request. */
@FunctionalInterface
public interface Health {

    /** Empty when ready; otherwise one line saying what is wrong. May throw, which counts as not ready. */
    Optional<String> problem();
}
