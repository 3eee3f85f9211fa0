package io.tuneflow.engine.tuning;

import java.util.SplittableRandom;

/**
 * The random stream of one draw of a seeded tuning job — the n-th random configuration, the n-th model pick's
 * candidates — addressable by index, so a strategy rebuilt after a restart draws what the original would have.
 *
 * <p>Why not {@code new SplittableRandom(seed ^ 0x9E3779B97F4A7C15 * (n + 1))}, as the strategies did until
 * 2026-12-07: SplittableRandom's k-th output is a hash of {@code state + k · 0x9E3779B97F4A7C15}, the same constant,
 * and XOR with a small seed is nearly an addition, so nearby streams were one stream shifted by a few outputs. With
 * RandomSeed 1, random configuration n + 2 repeated d − 2 of configuration n's coordinates one place over. Hashing
 * the seed, the purpose and the index first gives every stream an unrelated starting state.
 */
final class IndexedRandom {

    private IndexedRandom() {
    }

    /**
     * @param seed    the job's RandomSeed
     * @param purpose a constant per kind of draw, so different kinds never share a stream
     * @param index   which draw of that kind
     */
    static SplittableRandom stream(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ purpose) + mix(index + 1)));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijection on 64 bits that spreads every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
