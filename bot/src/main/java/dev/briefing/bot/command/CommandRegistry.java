package dev.briefing.bot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The bot's commands, in the order they were registered (the order of the menu and of {@code /help}). */
public final class CommandRegistry {

    private final Map<String, Command> byName = new ConcurrentHashMap<>();
    private final List<Command> ordered = new ArrayList<>();

    /** Adds a command; returns this registry, so registrations chain one line each. */
    public synchronized CommandRegistry register(Command command) {
        if (byName.putIfAbsent(command.name(), command) != null) {
            throw new IllegalArgumentException("illegal command /" + command.name() + ": already registered");
        }
        ordered.add(command);
        return this;
    }

    /** Adds a command made of its parts. */
    public CommandRegistry register(String name, String description, String usage, CommandHandler handler) {
        return register(new Command(name, description, usage, handler));
    }

    /** The command called {@code name} (without slash, any case). */
    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every command, in registration order. */
    public synchronized List<Command> commands() {
        return List.copyOf(ordered);
    }
}
