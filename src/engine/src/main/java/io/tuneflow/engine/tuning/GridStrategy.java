package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Grid search over categorical ranges: every combination once, in odometer order — the last range changes fastest,
 * the first slowest — so the n-th trial is always the same combination.
 */
public final class GridStrategy implements Strategy {

    private final List<Dimension.Categorical> ranges;
    private final int combinations;

    public GridStrategy(SearchSpace space) {
        this.ranges = space.dimensions().stream().map(d -> (Dimension.Categorical) d).toList();
        long product = 1;
        for (Dimension.Categorical range : ranges) {
            product = Math.min(Integer.MAX_VALUE, product * range.values().size());
        }
        this.combinations = ranges.isEmpty() ? 0 : (int) product;
    }

    @Override
    public List<Map<String, String>> suggest(int count, List<Trial> history) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int n = history.size(); n < combinations && out.size() < count; n++) {
            out.add(combination(n));
        }
        return out;
    }

    @Override
    public OptionalInt size() {
        return OptionalInt.of(combinations);
    }

    Map<String, String> combination(int n) {
        Map<String, String> values = new LinkedHashMap<>();
        int rest = n;
        String[] chosen = new String[ranges.size()];
        for (int k = ranges.size() - 1; k >= 0; k--) {
            List<String> options = ranges.get(k).values();
            chosen[k] = options.get(rest % options.size());
            rest /= options.size();
        }
        for (int k = 0; k < ranges.size(); k++) {
            values.put(ranges.get(k).name(), chosen[k]);
        }
        return values;
    }
}
