package dev.briefing.bot.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRegistryTest {

    static final CommandHandler NOTHING = call -> { };

    @Test
    void keepsRegistrationOrderAndFindsByNameInAnyCase() {
        // given the built-in commands and one more, registered in one line
        CommandRegistry registry = new BuiltInCommands(new CommandRegistry(), () -> null, List::of).registerAll()
                .register("summary", "Summarise a day's articles", "/summary [date]", NOTHING);
        // when the registry is read
        List<String> names = registry.commands().stream().map(Command::name).toList();
        // then the order is the registration order and lookups ignore case
        assertEquals(List.of("start", "help", "ask", "sources", "new", "summary"), names);
        assertTrue(registry.find("SUMMARY").isPresent());
        assertTrue(registry.find("nope").isEmpty());
    }

    @Test
    void refusesTheSameNameTwice() {
        // given a registry with /ask
        CommandRegistry registry = new CommandRegistry().register("ask", "Ask a question", "/ask <q>", NOTHING);
        // when /ask is registered again
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.register("ask", "Ask again", "/ask <q>", NOTHING));
        // then the message names it
        assertTrue(e.getMessage().contains("/ask"), e.getMessage());
    }

    @Test
    void refusesNamesTelegramWouldRefuse() {
        // given a name with a capital and a dash
        // when a command is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Command("Daily-Digest", "Get the digest", "/Daily-Digest", NOTHING));
        // then the message names the rule
        assertTrue(e.getMessage().contains("'Daily-Digest'") && e.getMessage().contains("a-z, 0-9 and _"), e.getMessage());
    }
}
