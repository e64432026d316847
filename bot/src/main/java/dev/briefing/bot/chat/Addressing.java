package dev.briefing.bot.chat;

import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.IncomingMessage;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a message is for the bot and what it asks: in a private chat everything is; in a group
 * only commands (not those addressed to another bot), mentions of the bot and replies to its messages.
 */
final class Addressing {

    /** What a message asks of the bot. */
    sealed interface Request permits Ignore, CommandRequest, Question {
    }

    /** Not for the bot. */
    record Ignore() implements Request {
    }

    /**
     * A slash command.
     *
     * @param name lowercase, without slash or bot name
     * @param arguments the rest of the text
     * @param addressed whether it named this bot ({@code /cmd@ThisBot})
     */
    record CommandRequest(String name, String arguments, boolean addressed) implements Request {
    }

    /** A question, with any mention of the bot taken out. */
    record Question(String text) implements Request {
    }

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\\s+|$)(.*)$",
            Pattern.DOTALL);

    private final String botUsername;
    private final Pattern mention;

    Addressing(String botUsername) {
        if (botUsername == null || !botUsername.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("illegal bot username: '" + botUsername + "'");
        }
        this.botUsername = botUsername;
        this.mention = Pattern.compile("(?i)(?<![A-Za-z0-9_])@" + Pattern.quote(botUsername) + "(?![A-Za-z0-9_])");
    }

    Request classify(IncomingMessage message) {
        String text = Objects.requireNonNull(message.text(), "text").strip();
        Matcher command = COMMAND.matcher(text);
        if (command.matches()) {
            String target = command.group(2);
            if (target != null && !target.equalsIgnoreCase(botUsername)) {
                return new Ignore();
            }
            return new CommandRequest(command.group(1).toLowerCase(Locale.ROOT), command.group(3).strip(), target != null);
        }
        if (message.chatKind() == ChatKind.PRIVATE) {
            return new Question(text);
        }
        Matcher m = mention.matcher(text);
        if (m.find()) {
            return new Question(m.replaceAll(" ").replaceAll("\\s+", " ").strip());
        }
        if (message.replyToBot()) {
            return new Question(text);
        }
        return new Ignore();
    }
}
