package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPositionsTests {

    private final KeyVocabulary vocabulary = new KeyVocabulary();

    private final WordPositions words = new WordPositions(vocabulary);

    private KeyShape learned(String... keys) {
        for (String key : keys) {
            words.learn(KeyShape.of(key));
        }
        return words.refine(KeyShape.of(keys[0]));
    }

    @Test
    void aPositionThatTakesManyWordsIsAVariable() {
        KeyShape shape = learned("login:alice", "login:bob", "login:carol", "login:dave");

        assertThat(shape).isEqualTo(new KeyShape("login:{w}", List.of("alice")));
        assertThat(words.refine(KeyShape.of("login:zoe")).variables()).containsExactly("zoe");
    }

    @Test
    void aFewDifferentWordsAreNotYetAVariable() {
        KeyShape shape = learned("login:alice", "login:bob", "login:carol");

        assertThat(shape.constant()).isTrue();
    }

    @Test
    void wordsBesideOtherVariablesKeepTheirOrder() {
        learned("t:1:alice:x", "t:2:bob:x", "t:3:carol:x", "t:4:dave:x");

        KeyShape shape = words.refine(KeyShape.of("t:9:erin:x"));

        assertThat(shape.shape()).isEqualTo("t:{n}:{w}:x");
        assertThat(shape.variables()).containsExactly("9", "erin");
        assertThat(Nearness.fill(shape.shape(), shape.variables())).isEqualTo("t:9:erin:x");
    }

    @Test
    void twoEntityNamesInOneCacheStayTwoFormsAndAreNotNear() {
        KeyShape cart = learned("cart:1", "cart:2", "card:3", "card:4", "cart:5");
        KeyShape card = words.refine(KeyShape.of("card:3"));

        assertThat(cart.shape()).isEqualTo("cart:{n}");
        assertThat(card.shape()).isEqualTo("card:{n}");
        assertThat(Nearness.nearShapes(cart, card)).isFalse();
    }

    @Test
    void aFirstWordThatStaysTheSameAcrossManyKeysIsStructure() {
        learned("login:alice", "login:bob", "login:carol", "login:dave");
        assertThat(vocabulary.structure("login")).as("four keys are not enough").isFalse();

        learned("login:erin", "login:frank", "login:grace", "login:heidi");

        assertThat(vocabulary.structure("login")).isTrue();
        assertThat(vocabulary.structure("alice")).isFalse();
    }

    @Test
    void oneKeySeenManyTimesTeachesNothing() {
        for (int i = 0; i < 20; i++) {
            words.learn(KeyShape.of("login:alice"));
        }

        assertThat(vocabulary.structure("login")).isFalse();
        assertThat(vocabulary.structure("alice")).isFalse();
        assertThat(words.refine(KeyShape.of("login:alice")).constant()).isTrue();
    }

    @Test
    void eachWordCanBeTriedAsTheVariable() {
        assertThat(WordPositions.wordVariants(KeyShape.of("user:alice:{n}".replace("{n}", "7"))))
                .extracting(KeyShape::shape)
                .containsExactly("{w}:alice:{n}", "user:{w}:{n}");
    }

    @Test
    void theWordsBeforeTheFirstVariableOfHandWrittenRedisKeysAreLearnedButNotThoseAfterIt() {
        WordPositions words = new WordPositions(vocabulary, true);
        words.learn(KeyShape.of("sample:order:41:owner"));
        assertThat(vocabulary.structure("sample")).as("one key teaches nothing").isFalse();
        words.learn(KeyShape.of("sample:order:42:owner"));

        assertThat(vocabulary.structure("sample")).isTrue();
        assertThat(vocabulary.structure("order")).isTrue();
        assertThat(vocabulary.structure("owner")).isFalse();
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE);
        redactor.vocabulary().learn("sample");
        assertThat(redactor.shows("sample:order")).isFalse();
        redactor.vocabulary().learn("order");
        assertThat(redactor.shows("sample:order")).isTrue();
        assertThat(redactor.shows("::")).isFalse();
    }

    @Test
    void aNearPrefixDeletedBetweenTheReadsDoesNotKeepTheNamespaceFromBeingLearned() {
        WordPositions wire = new WordPositions(vocabulary, true);
        wire.learn(KeyShape.of("sample:order:41"));
        wire.learn(KeyShape.of("sample:orders:41"));
        assertThat(vocabulary.structure("orders"))
                .as("seen in front of one value only")
                .isFalse();
        assertThat(vocabulary.structure("order")).isFalse();

        wire.learn(KeyShape.of("sample:order:42"));

        assertThat(vocabulary.structure("sample")).isTrue();
        assertThat(vocabulary.structure("order")).isTrue();
        assertThat(vocabulary.structure("orders")).isFalse();
    }

    @Test
    void aFirstWordBeforeOtherWordsNeedsManyKeysToBeStructure() {
        learned("alice:prefs", "alice:orders", "alice:cart");

        assertThat(vocabulary.structure("alice")).isFalse();
    }

    @Test
    void aWordBeforeANumberInACacheKeyIsNotLearnedSinceItMayBeALogin() {
        WordPositions wire = new WordPositions(vocabulary, true);
        for (int page = 0; page < 10; page++) {
            words.learn(KeyShape.of("SimpleKey [alice, " + page + "]"));
            wire.learn(KeyShape.of("orders::SimpleKey [alice, " + page + "]"));
        }

        assertThat(vocabulary.structure("alice")).isFalse();
    }
}
