package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedParallelMapTest {

    @Test
    void keepsTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 5000).boxed().toList();
        List<Long> squares = OrderedParallelMap.map(items, i -> (long) i * i);
        assertThat(squares).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(squares.get(i)).isEqualTo((long) i * i);
        }
    }

    @Test
    void aFailureReachesTheCaller() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        assertThatThrownBy(() -> OrderedParallelMap.map(items, i -> {
            if (i == 57) {
                throw new IllegalStateException("item 57");
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("item 57");
    }

    @Test
    void emptyAndSingleLists() {
        assertThat(OrderedParallelMap.map(List.<Integer>of(), i -> i + 1)).isEmpty();
        assertThat(OrderedParallelMap.map(List.of(41), i -> i + 1)).containsExactly(42);
    }
}
