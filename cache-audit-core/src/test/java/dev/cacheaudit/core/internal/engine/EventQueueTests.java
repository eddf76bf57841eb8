package dev.cacheaudit.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.cacheaudit.core.event.TxBoundary;
import org.junit.jupiter.api.Test;

class EventQueueTests {

    private static TxBoundary event(long id) {
        return new TxBoundary(id, TxBoundary.Outcome.COMMITTED, id);
    }

    @Test
    void offersBeyondCapacityAreDroppedAndCounted() {
        EventQueue queue = new EventQueue(2);

        assertThat(queue.offer(event(1))).isTrue();
        assertThat(queue.offer(event(2))).isTrue();
        assertThat(queue.offer(event(3))).isFalse();
        assertThat(queue.offer(event(4))).isFalse();

        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.capacity()).isEqualTo(2);
    }

    @Test
    void anEventTakesRoomUntilItIsDoneNotJustUntilItIsPolled() {
        EventQueue queue = new EventQueue(1);
        queue.offer(event(1));

        assertThat(queue.poll()).isEqualTo(event(1));
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.offer(event(2))).isFalse();

        queue.done();

        assertThat(queue.size()).isZero();
        assertThat(queue.offer(event(3))).isTrue();
        assertThat(queue.poll()).isEqualTo(event(3));
        assertThat(queue.poll()).isNull();
    }

    @Test
    void eventsComeOutInTheOrderTheyWentIn() {
        EventQueue queue = new EventQueue(10);
        for (long i = 1; i <= 5; i++) {
            queue.offer(event(i));
        }

        for (long i = 1; i <= 5; i++) {
            assertThat(queue.poll()).isEqualTo(event(i));
        }
    }

    @Test
    void aNonPositiveCapacityIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventQueue(0)).withMessageContaining("capacity");
    }
}
