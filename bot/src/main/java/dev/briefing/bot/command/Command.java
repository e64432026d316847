package dev.briefing.bot.command;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A slash command.
 *
 * @param name without the slash: 1 to 32 lowercase letters, digits or underscores (Telegram's rule)
 * @param description one line for the menu and {@code /help}: 3 to 256 characters (Telegram's rule)
 * @param usage how to call it, e.g. {@code /ask <question>}
 * @param handler what it does
 */
public record Command(String name, String description, String usage, CommandHandler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    public Command {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("illegal command name: '" + name
                    + "', must be 1 to 32 of a-z, 0-9 and _");
        }
        if (description == null || description.strip().length() < 3 || description.length() > 256) {
            throw new IllegalArgumentException("illegal description of /" + name + ": '" + description
                    + "', must be 3 to 256 characters");
        }
        if (usage == null || !usage.startsWith("/" + name)) {
            throw new IllegalArgumentException("illegal usage of /" + name + ": '" + usage + "', must start with /" + name);
        }
        Objects.requireNonNull(handler, "handler");
    }
}
