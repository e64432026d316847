package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.ChatMigration;
import dev.briefing.bot.message.Incoming;
import dev.briefing.bot.message.IncomingMessage;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Updates as Telegram sends them (JSON) turned into the bot's own messages. */
class UpdateTranslatorTest {

    static final long BOT_ID = 999;
    final UpdateTranslator translator = new UpdateTranslator(BOT_ID);

    Optional<Incoming> translate(String json) throws Exception {
        return translator.translate(new ObjectMapper().readValue(json, Update.class));
    }

    @Test
    void readsAGroupReplyToTheBot() throws Exception {
        // given a reply in a supergroup to one of the bot's messages
        String json = """
                {"update_id":1,"message":{"message_id":20,"date":1700000000,
                 "chat":{"id":-100555,"type":"supergroup","title":"News"},
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},"text":"And then?",
                 "reply_to_message":{"message_id":19,"date":1700000000,"chat":{"id":-100555,"type":"supergroup"},
                   "from":{"id":999,"is_bot":true,"first_name":"Briefing","username":"BriefingBot"},"text":"…"}}}""";
        // when it is translated
        Incoming in = translate(json).orElseThrow();
        // then it is a group message replying to the bot
        assertEquals(new IncomingMessage(-100555, ChatKind.GROUP, 20, 7, "And then?", 19, true), in);
    }

    @Test
    void readsAStickerAsAMessageWithoutText() throws Exception {
        // given a sticker in a private chat
        String json = """
                {"update_id":2,"message":{"message_id":3,"date":1700000000,"chat":{"id":7,"type":"private"},
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},
                 "sticker":{"file_id":"f","file_unique_id":"u","type":"regular","width":1,"height":1,
                   "is_animated":false,"is_video":false}}}""";
        // when it is translated
        IncomingMessage in = (IncomingMessage) translate(json).orElseThrow();
        // then it has no text
        assertEquals(null, in.text());
        assertEquals(ChatKind.PRIVATE, in.chatKind());
    }

    @Test
    void readsAButtonPress() throws Exception {
        // given a press on a button under the bot's message
        String json = """
                {"update_id":3,"callback_query":{"id":"cb1","chat_instance":"x","data":"src:1",
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},
                 "message":{"message_id":40,"date":1700000000,"chat":{"id":7,"type":"private"},
                   "from":{"id":999,"is_bot":true,"first_name":"Briefing"},"text":"answer"}}}""";
        // when it is translated
        Incoming in = translate(json).orElseThrow();
        // then it is a press on message 40
        assertEquals(new ButtonPress("cb1", 7, ChatKind.PRIVATE, 40, 7, "src:1"), in);
    }

    @Test
    void ignoresOtherBotsAndChannels() throws Exception {
        // given a message from another bot and a channel post
        String fromBot = """
                {"update_id":4,"message":{"message_id":5,"date":1700000000,"chat":{"id":-5,"type":"group"},
                 "from":{"id":8,"is_bot":true,"first_name":"Other"},"text":"/ask@BriefingBot hi"}}""";
        String channel = """
                {"update_id":5,"channel_post":{"message_id":6,"date":1700000000,"chat":{"id":-1007,"type":"channel"},
                 "text":"news"}}""";
        // when they are translated
        // then neither is for the bot
        assertTrue(translate(fromBot).isEmpty());
        assertTrue(translate(channel).isEmpty());
    }

    @Test
    void readsTheUpgradeOfAGroupFromEitherSide() throws Exception {
        // given the service messages Telegram posts in the old group and in the new supergroup
        String oldGroup = """
                {"update_id":5,"message":{"message_id":30,"date":1700000000,
                 "chat":{"id":-555,"type":"group","title":"News"},
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},"migrate_to_chat_id":-100555}}""";
        String newSupergroup = """
                {"update_id":6,"message":{"message_id":1,"date":1700000000,
                 "chat":{"id":-100555,"type":"supergroup","title":"News"},
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},"migrate_from_chat_id":-555}}""";
        // when they are read
        ObjectMapper json = new ObjectMapper();
        // then both tell the same move, and neither is a message to answer
        assertEquals(Optional.of(new ChatMigration(-555, -100555)), translator.migration(json.readValue(oldGroup, Update.class)));
        assertEquals(Optional.of(new ChatMigration(-555, -100555)), translator.migration(json.readValue(newSupergroup, Update.class)));
        assertTrue(translator.translate(json.readValue(oldGroup, Update.class))
                .map(in -> ((IncomingMessage) in).text() == null).orElse(true));
    }

    @Test
    void anOrdinaryMessageAnnouncesNoMigration() throws Exception {
        // given a text message in a group
        String json = """
                {"update_id":7,"message":{"message_id":31,"date":1700000000,
                 "chat":{"id":-555,"type":"group","title":"News"},
                 "from":{"id":7,"is_bot":false,"first_name":"Ann"},"text":"hello"}}""";
        // when it is read, then it moves nothing
        assertEquals(Optional.empty(), translator.migration(new ObjectMapper().readValue(json, Update.class)));
    }
}
