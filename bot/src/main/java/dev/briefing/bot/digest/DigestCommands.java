package dev.briefing.bot.digest;

import dev.briefing.bot.command.CommandHandler;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.store.SubscriptionStore;
import dev.briefing.bot.summary.SummaryHandler;
import dev.briefing.bot.summary.SummaryService;

import java.time.Clock;
import java.util.Objects;

/**
 * The commands of summaries and digests: {@code /summary}, {@code /subscribe}, {@code /unsubscribe} and {@code
 * /subscription}, each the reply of its handler to the calling chat and user. One place registers them, so the
 * bot and its end-to-end test run the same commands.
 */
public final class DigestCommands {

    private final CommandRegistry registry;
    private final SummaryService summaries;
    private final SubscriptionStore subscriptions;
    private final ChatAdmins admins;
    private final Clock clock;

    /**
     * @param admins who may change a group's digest
     * @param clock reads "today" and stamps subscriptions
     */
    public DigestCommands(CommandRegistry registry, SummaryService summaries, SubscriptionStore subscriptions,
                          ChatAdmins admins, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers the four commands, in menu order, after those already there. */
    public CommandRegistry registerAll() {
        SummaryHandler summary = new SummaryHandler(summaries, subscriptions, clock);
        SubscribeHandler subscribe = new SubscribeHandler(subscriptions, admins, clock);
        UnsubscribeHandler unsubscribe = new UnsubscribeHandler(subscriptions, admins);
        SubscriptionHandler subscription = new SubscriptionHandler(subscriptions, clock);
        return registry
                .register(SummaryHandler.NAME, SummaryHandler.DESCRIPTION, "/summary [today|yesterday|latest|YYYY-MM-DD]", replying(summary::reply))
                .register(SubscribeHandler.NAME, SubscribeHandler.DESCRIPTION, "/subscribe [HH:MM] [time zone]", replying(subscribe::reply))
                .register(UnsubscribeHandler.NAME, UnsubscribeHandler.DESCRIPTION, "/unsubscribe", replying(unsubscribe::reply))
                .register(SubscriptionHandler.NAME, SubscriptionHandler.DESCRIPTION, "/subscription", replying(subscription::reply));
    }

    /** A handler's {@code reply(chatId, userId, arguments)}. */
    @FunctionalInterface
    private interface Reply {
        String reply(long chatId, long userId, String arguments);
    }

    private static CommandHandler replying(Reply handler) {
        return call -> call.chat().reply(handler.reply(call.message().chatId(), call.message().userId(), call.arguments()));
    }
}
