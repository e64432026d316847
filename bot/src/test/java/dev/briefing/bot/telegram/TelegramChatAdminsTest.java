package dev.briefing.bot.telegram;

import dev.briefing.bot.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin checks over real HTTP: getChatMember's status, the minute they are kept, and private chats. */
class TelegramChatAdminsTest {

    static final String TOKEN = "4242:SECRET-token-value";
    static final long GROUP = -100777;

    StubBotApi api;
    FakeClock clock = new FakeClock(Instant.parse("2026-03-27T07:00:00Z"));
    TelegramChatAdmins admins;

    @BeforeEach
    void start() throws IOException {
        api = new StubBotApi();
        admins = new TelegramChatAdmins(StubBotApi.client(api.url().getPort(), TOKEN, Duration.ofSeconds(2)), clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static String member(String status) {
        return "{\"ok\":true,\"result\":{\"status\":\"" + status + "\",\"user\":{\"id\":7,\"is_bot\":false,\"first_name\":\"Ann\"}"
                + (status.equals("administrator") ? ",\"can_be_edited\":false,\"is_anonymous\":false,\"can_manage_chat\":true" : "")
                + (status.equals("creator") ? ",\"is_anonymous\":false" : "") + "}}";
    }

    @Test
    void creatorsAndAdministratorsAreAdminsMembersAreNot() {
        // given a Bot API that names the status of three users
        api.then(200, member("creator")).then(200, member("administrator")).then(200, member("member"));
        // when each is checked, then only the creator and the administrator may configure
        assertTrue(admins.isAdmin(GROUP, 1));
        assertTrue(admins.isAdmin(GROUP, 2));
        assertFalse(admins.isAdmin(GROUP, 3));
        assertTrue(api.requests.get(0).toLowerCase().contains("/getchatmember "), api.requests.get(0));
        assertTrue(api.requests.get(0).contains(Long.toString(GROUP)), api.requests.get(0));
    }

    @Test
    void keepsAnAnswerForAboutAMinute() {
        // given an administrator checked once
        api.then(200, member("administrator")).then(200, member("member"));
        assertTrue(admins.isAdmin(GROUP, 7));
        // when asked again within the minute, then Telegram is not asked again
        clock.advance(Duration.ofSeconds(59));
        assertTrue(admins.isAdmin(GROUP, 7));
        assertEquals(1, api.requests.size());
        // when asked after the minute, then Telegram is asked again, and a demotion shows
        clock.advance(Duration.ofSeconds(2));
        assertFalse(admins.isAdmin(GROUP, 7));
        assertEquals(2, api.requests.size());
    }

    @Test
    void privateChatsAreAlwaysTheUsersOwn() {
        // given a private chat (positive id), when checked, then the answer is yes without asking Telegram
        assertTrue(admins.isAdmin(7, 7));
        assertTrue(admins.mayConfigure(7, 7));
        assertEquals(0, api.requests.size());
    }

    @Test
    void anUnreachableAnswerIsNoAndNotKept() {
        // given a Bot API that fails once, then knows the admin
        api.thenError(502, "Bad Gateway", null).then(200, member("administrator"));
        // when checked twice, then the failure denies without being remembered
        assertFalse(admins.isAdmin(GROUP, 7));
        assertTrue(admins.isAdmin(GROUP, 7));
    }
}
