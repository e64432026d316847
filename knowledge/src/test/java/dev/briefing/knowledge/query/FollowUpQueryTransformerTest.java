package dev.briefing.knowledge.query;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FollowUpQueryTransformerTest {

    /** The display form "Q (about: C)" stands for the text Q carried with the context C. */
    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "What is the CSTO? | Which countries belong to it? | Which countries belong to CSTO?",
            "Who is Christiane Hoffmann? | What did she say? | What did Christiane Hoffmann say?",
            "Who is Mukhtar Ablyazov? | Where does he live? | Where does Mukhtar Ablyazov live?",
            "What did Nils Schmid say? | Which party is he from? | Which party is Nils Schmid from?",
            "What did Tokayev say? | And Putin? | What did Putin say?",
            "What did Tokayev say? | What about Lukashenko? | What did Lukashenko say?",
            "Who is Jane Doe? | What is her role? | What is Jane Doe's role?",
            "What happened in front of the town hall in Almaty? | Who reported it? | Who reported it? (about: What happened in front of the town hall in Almaty?)",
            "What did Germany decide about arms exports? | Who reported that? | Who reported that? (about: What did Germany decide about arms exports?)",
            "What did Germany decide about arms exports? | Why? | Why? (about: What did Germany decide about arms exports?)",
            "What is the CSTO? | How many soldiers did the alliance send? | How many soldiers did the alliance send?",
            "What does Lisa Moreau want to build? | And by when? | By when? (about: What does Lisa Moreau want to build?)",
            "What is the LIV Golf series? | Who runs it? | Who runs LIV Golf?",
            "Where did Jill Biden go on Mother's Day? | Who did she meet there? | Who did Jill Biden meet there? (about: Where did Jill Biden go on Mother's Day?)",
            "Who did Olena Zelenska meet at the White House? | What did she say? | What did Olena Zelenska say?",
            "What did Biden say to Olena Zelenska? | What did she answer? | What did Olena Zelenska answer?",
            "What did the Federal Reserve do? | Why did it raise rates? | Why did Federal Reserve raise rates?",
            "What did EU Commission President Ursula von der Leyen say? | What did she demand? | What did Ursula von der Leyen demand?",
            "What did Russian President Vladimir Putin say? | Where was he? | Where was Vladimir Putin?",
            "Who is Kyle Johnson? | How much did LeBron James earn in his career? | How much did LeBron James earn in his career?",
            "Who is Christiane Hoffmann? | What did Olaf Scholz tell her? | What did Olaf Scholz tell Christiane Hoffmann?",
            "What is the CSTO? | Why did Alphabet split its stock? | Why did Alphabet split its stock?",
            "What did Tokayev say? | What did Putin tell his generals? | What did Putin tell his generals?",
            "What did Tokayev say? | Did Putin agree with him? | Did Putin agree with Tokayev?",
            "Who is Christiane Hoffmann? | Describe her role | Describe Christiane Hoffmann's role",
            "What is the CSTO? | Why did Russia send its troops? | Why did Russia send its troops?",
            "What is the CSTO? | What did Germany say about it? | What did Germany say about CSTO?",
            "What is the Tier 2 shortage? | What about Lake Powell? | What is the Lake Powell shortage?",
            "What is Covid-19? | How does it spread? | How does Covid-19 spread?",
            "What happened on June 14? | Why did it happen? | Why did it happen? (about: What happened on June 14?)",
            "What happened in Jackson, Mississippi? | How long did it last? | How long did it last? (about: What happened in Jackson, Mississippi?)",
            "What is the CSTO? | When did Arizona and Nevada learn they face cuts? | When did Arizona and Nevada learn they face cuts?",
            // a title before a single name says it is a person's, and stays with it
            "When did Queen Elizabeth die? | Who succeeded her? | Who succeeded Queen Elizabeth?",
            "Who did President Biden meet? | What did he promise? | What did President Biden promise?",
            // a preposition opening the question names no one
            "How much did credit card debt jump? | By how much? | By how much? (about: How much did credit card debt jump?)",
            "Where is Brittney Griner being held? | For how long? | For how long? (about: Where is Brittney Griner being held?)",
            "Who did Putin meet? | With whom? | With whom? (about: Who did Putin meet?)",
            "What did Tokayev order? | Since when? | Since when? (about: What did Tokayev order?)",
            // no name and one word of its own topic, however many words shape it
            "What did Biden say about student loans? | How much will be forgiven? | How much will be forgiven? (about: What did Biden say about student loans?)",
            "What did Biden say about student loans? | How many people died in the earthquake? | How many people died in the earthquake?",
    })
    void resolvesAgainstThePreviousTurn(String previous, String question, String expected) {
        assertEquals(expected, FollowUpQueryTransformer.resolve(question, List.of(previous), List.of()).display());
    }

    @ParameterizedTest(name = "{1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Who won the Kansas abortion vote? | What would the amendment have done? | Kansans rejected an amendment that would have scrapped that right. [1] | What would the amendment have done? (about: Who won the Kansas abortion vote?)",
            "Who won the Kansas abortion vote? | What did the voters decide? | Kansas voters rejected it. [1] | What did the voters decide? (about: Who won the Kansas abortion vote?)",
            "What is the CSTO? | How many people did the earthquake kill in the region? | An alliance of six states. [1] | How many people did the earthquake kill in the region?",
    })
    void aDefiniteNounTheLastTurnSpokeOfIsAboutIt(String previous, String question, String answer, String expected) {
        assertEquals(expected, FollowUpQueryTransformer.resolve(question, List.of(previous), List.of(answer)).display());
    }

    @ParameterizedTest(name = "{1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Where did Jennifer Lopez and Ben Affleck marry? | What name did she use? | Lopez confirmed their wedding in her newsletter, signing Mrs. Jennifer Lynn Affleck. [1] Lopez wrote she wore a dress and Affleck wore a jacket from his closet. [2] | What name did Jennifer Lopez use?",
            "Where did Jennifer Lopez and Ben Affleck marry? | What did he wear? | Lopez wrote she wore a dress and Affleck wore a jacket from his closet. [1] | What did Ben Affleck wear?",
            "Where did Ben Affleck and Jennifer Lopez marry? | What did he wear? | Lopez wrote she wore a dress and Affleck wore a jacket from his closet. [1] | What did Ben Affleck wear?",
            "What did Joe Biden tell Olena Zelenska? | What did she promise? | They met in Kyiv. [1] | What did Olena Zelenska promise?",
            "What did Joe Biden tell Olena Zelenska? | What did she answer? | Biden told Zelenska he would send arms. [1] | What did Olena Zelenska answer?",
            "How much is LeBron James's new contract worth? | How old is he? | James agreed to a two-year extension of his contract. [1] | How old is LeBron James?",
    })
    void aPronounFollowsThePersonTheConversationCallsSo(String previous, String question, String answer, String expected) {
        assertEquals(expected, FollowUpQueryTransformer.resolve(question, List.of(previous), List.of(answer)).display());
    }

    @Test
    void aFollowUpOfAFollowUpCarriesBothQuestions() {
        // given
        List<String> earlier = List.of("Where was the winning Powerball ticket sold?",
                "How much was the jackpot? (about: Where was the winning Powerball ticket sold?)",
                "What were the winning numbers? (about: How much was the jackpot? Where was the winning Powerball "
                        + "ticket sold?)");
        // when
        var second = FollowUpQueryTransformer.resolve("What were the winning numbers?", earlier.subList(0, 2),
                List.of("A lone winning ticket for the record $2.04 billion jackpot was sold in Altadena. [1]"));
        var third = FollowUpQueryTransformer.resolve("Why?", earlier, List.of());
        // then
        assertEquals(new FollowUpQueryTransformer.Resolved("What were the winning numbers?",
                "How much was the jackpot? Where was the winning Powerball ticket sold?"), second);
        assertEquals(new FollowUpQueryTransformer.Resolved("Why?",
                "What were the winning numbers? How much was the jackpot?"), third);
    }

    @Test
    void aPersonNamedOnlyInTheAnswerIsFound() {
        // given
        String previous = "Who called for calm?";
        String answer = "Federal Chancellor Olaf Scholz called for an end to the violence. [1]";
        // when
        var resolved = FollowUpQueryTransformer.resolve("Which party is he from?", List.of(previous), List.of(answer));
        // then
        assertEquals(new FollowUpQueryTransformer.Resolved("Which party is Olaf Scholz from?", ""), resolved);
    }

    @Test
    void readsEarlierTurnsFromTheChatMemory() {
        // given
        List<ChatMessage> memory = List.of(UserMessage.from("What is the CSTO?"), AiMessage.from("An alliance. [1]"));
        Query query = Query.from("Who leads it?", Metadata.from(UserMessage.from("Who leads it?"), "c", memory));
        // when
        var out = new FollowUpQueryTransformer().transform(query);
        // then
        assertEquals("Who leads CSTO?", out.iterator().next().text());
    }

    @Test
    void contextTravelsAsMetadataNotText() {
        // given
        List<ChatMessage> memory = List.of(UserMessage.from("What did Germany decide about arms exports?"),
                AiMessage.from("It halted them. [1]"));
        Query query = Query.from("Who reported that?", Metadata.from(UserMessage.from("Who reported that?"), "c", memory));
        // when
        Query out = new FollowUpQueryTransformer().transform(query).iterator().next();
        // then
        assertEquals("Who reported that?", out.text());
        assertEquals("What did Germany decide about arms exports?", FollowUpQueryTransformer.context(out));
        assertEquals(memory, out.metadata().chatMemory());
        assertEquals("Who reported that? (about: What did Germany decide about arms exports?)",
                FollowUpQueryTransformer.display(out));
    }

    @Test
    void aQuestionThatStandsAloneCarriesNoContext() {
        Query query = Query.from("What is the CSTO?");
        assertEquals("", FollowUpQueryTransformer.context(query));
        assertEquals("What is the CSTO?", FollowUpQueryTransformer.display(query));
    }

    @Test
    void aFirstQuestionIsLeftAlone() {
        Query query = Query.from("Who leads it?");
        assertEquals("Who leads it?", new FollowUpQueryTransformer().transform(query).iterator().next().text());
    }
}
