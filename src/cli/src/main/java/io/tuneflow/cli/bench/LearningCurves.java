package io.tuneflow.cli.bench;

import java.util.Map;

/**
 * The synthetic learning curves of {@code tuneflow bench hyperband}: loss(e) = L(lr, m, w…) + A·e^-α(lr), where the
 * final loss L is best near lr = 0.003, m = 0.6 (and w_k = 0.3 for odd k, 0.7 for even k), and the speed α rises with
 * the learning rate (u = log10 lr, from -4 to 0). Two families:
 * <ul>
 *   <li>{@code typical}: A = 1, α = 0.8 + 0.2·(u + 4) — every curve has mostly converged by R, so the ranking late in
 *   training is mostly the ranking of L, with some crossing among near-equals;</li>
 *   <li>{@code crossing}: A = 1.5, α = 0.3 + 0.25·(u + 4) — slow learners are still far from L at R, so the early
 *   ranking (by L) and the ranking at R (by speed) disagree: an adversarial case for any early stopping.</li>
 * </ul>
 * Parameters w1, w2, … in [0, 1] each add 0.15·(w − c)² to L: real searches tune more than two things, and random
 * search's best of N is then further from the optimum, which is where cutting poor configurations short should pay.
 *
 * <p>The same function twice: {@link #TRAINER} computes it in awk for the trainer processes the engine runs, and
 * {@link #loss} in Java for the in-process simulation ({@link EpochLoop}). LearningCurvesTest runs the script and
 * checks that the two agree.
 */
public record LearningCurves(String family) {

    /** A script-mode trainer (train.sh) printing {@code epoch E loss = X} once per epoch, as a SageMaker trainer would. */
    public static final String TRAINER = """
            lr=0.01; m=0.5; epochs=27; pause=0.02; curves=typical; extra=""
            while [ $# -gt 0 ]; do
              case "$1" in --lr) lr="$2";; -m) m="$2";; --epochs) epochs="$2";; --pause) pause="$2";; --curves) curves="$2";;
                --w*) extra="$extra ${1#--w}:$2";; esac; shift 2
            done
            e=1
            while [ $e -le $epochs ]; do
              awk -v lr="$lr" -v m="$m" -v e="$e" -v curves="$curves" -v extra="$extra" 'BEGIN {
                u = log(lr) / log(10); final = 0.1 + 0.5 * (u + 2.5) ^ 2 / 6.25 + 0.3 * (m - 0.6) ^ 2;
                n = split(extra, pairs, " ");
                for (k = 1; k <= n; k++) { split(pairs[k], p, ":"); c = (p[1] % 2 == 1) ? 0.3 : 0.7; final += 0.15 * (p[2] - c) ^ 2 }
                if (curves == "crossing") { a = 1.5; alpha = 0.3 + 0.25 * (u + 4) } else { a = 1; alpha = 0.8 + 0.2 * (u + 4) }
                printf "epoch %d loss = %.6f\\n", e, final + a * e ^ (-alpha) }'
              sleep "$pause"
              e=$((e+1))
            done
            """;

    public LearningCurves {
        if (!family.equals("typical") && !family.equals("crossing")) {
            throw new IllegalArgumentException("learning-curve family must be typical or crossing, not " + family);
        }
    }

    /**
     * The loss the trainer logs after {@code epoch} epochs with these hyperparameters (strings, as a trainer receives
     * them), at the six decimals it prints: the engine reads the logged value, so comparisons against a target must
     * see the same rounding.
     */
    public double loss(Map<String, String> hyperParameters, int epoch) {
        double u = Math.log10(Double.parseDouble(hyperParameters.get("lr")));
        double m = Double.parseDouble(hyperParameters.get("m"));
        double fin = 0.1 + 0.5 * Math.pow(u + 2.5, 2) / 6.25 + 0.3 * Math.pow(m - 0.6, 2);
        for (int k = 1; hyperParameters.containsKey("w" + k); k++) {
            double centre = k % 2 == 1 ? 0.3 : 0.7;
            fin += 0.15 * Math.pow(Double.parseDouble(hyperParameters.get("w" + k)) - centre, 2);
        }
        boolean crossing = family.equals("crossing");
        double amplitude = crossing ? 1.5 : 1;
        double alpha = crossing ? 0.3 + 0.25 * (u + 4) : 0.8 + 0.2 * (u + 4);
        return Math.round((fin + amplitude * Math.pow(epoch, -alpha)) * 1e6) / 1e6;
    }
}
