package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HitSamplingTests {

    @Test
    void aRateOfZeroOrLessSamplesNothing() {
        assertThat(CacheRecorder.sampleThreshold(0.0)).isEqualTo(Integer.MIN_VALUE);
        assertThat(CacheRecorder.sampleThreshold(-1.0)).isEqualTo(Integer.MIN_VALUE);
        assertThat(CacheRecorder.sampleThreshold(Double.NaN)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void halfOfTheIntsAreBelowTheThresholdOfAHalf() {
        assertThat(CacheRecorder.sampleThreshold(0.5)).isZero();
    }

    @Test
    void aRateOfOneLeavesOnlyTheLargestIntUnsampled() {
        assertThat(CacheRecorder.sampleThreshold(1.0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(CacheRecorder.sampleThreshold(2.0)).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.01, 0.05, 0.3})
    void theShareOfSampledDrawsIsTheRate(double rate) {
        int threshold = CacheRecorder.sampleThreshold(rate);
        SplittableRandom random = new SplittableRandom(42);
        int draws = 2_000_000;
        int sampled = 0;
        for (int i = 0; i < draws; i++) {
            if (random.nextInt() < threshold) {
                sampled++;
            }
        }

        // Four standard deviations of a binomial count: fails for a threshold off by a tenth of the rate.
        double tolerance = 4 * Math.sqrt(rate * (1 - rate) / draws);
        assertThat((double) sampled / draws).isCloseTo(rate, within(tolerance));
    }
}
