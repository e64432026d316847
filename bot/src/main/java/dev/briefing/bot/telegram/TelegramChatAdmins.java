package dev.briefing.bot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.bot.digest.ChatAdmins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells group admins by asking Telegram ({@code getChatMember}: status "creator" or "administrator"), and keeps
 * each answer for {@link #CACHE_FOR}, so a group busy changing its digest costs one request a minute per user.
 * Private chats (positive ids) are always the user's own. When Telegram cannot be asked the answer is no, not
 * kept, so the user can simply try again.
 */
final class TelegramChatAdmins implements ChatAdmins {

    /** How long an answer is kept: a demoted admin may change the digest for up to this long. */
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    /** Chat and user pairs kept: far more than the groups changing their digest in one minute. */
    private static final int MAX_KEPT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(TelegramChatAdmins.class);

    private record Member(long chatId, long userId) {
    }

    private final BotApi client;
    private final Cache<Member, Boolean> answers;

    TelegramChatAdmins(BotApi client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clock, "clock");
        this.answers = Caffeine.newBuilder().ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(CACHE_FOR).maximumSize(MAX_KEPT).build();
    }

    @Override
    public boolean isAdmin(long chatId, long userId) {
        if (chatId > 0) {
            return true;
        }
        Member key = new Member(chatId, userId);
        Boolean known = answers.getIfPresent(key);
        if (known != null) {
            return known;
        }
        try {
            ChatMember member = client.call(new GetChatMember(Long.toString(chatId), userId));
            String status = member == null ? null : member.getStatus();
            boolean admin = "creator".equals(status) || "administrator".equals(status);
            answers.put(key, admin);
            return admin;
        } catch (TelegramApiException e) {
            log.warn("cannot tell whether user {} administers chat {}: {}", userId, chatId, TelegramConnection.rootCause(e));
            return false;
        }
    }
}
