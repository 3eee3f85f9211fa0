package io.tuneflow.engine.tuning.bayes;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * The lower Cholesky factor L of a covariance matrix (K = L Lᵀ), with the O(n²) operations a Gaussian process needs
 * per prediction. L is kept by columns, so both triangular solves run as contiguous "axpy" loops the JIT vectorises.
 *
 * <p>Nearly singular matrices (duplicate trials, tiny noise) are decomposed with growing diagonal jitter rather than
 * failing: the jitter acts as a little extra noise, which is what a duplicate observation means anyway.
 */
final class CholeskyFactor {

    private static final double FIRST_JITTER = 1e-10;
    private static final double LAST_JITTER = 1e-3;

    /** columns[j][i] = L[i][j] for i >= j (entries above the diagonal are zero). */
    private final double[][] columns;
    private final double jitter;

    private CholeskyFactor(double[][] columns, double jitter) {
        this.columns = columns;
        this.jitter = jitter;
    }

    /**
     * @param matrix a symmetric positive semi-definite matrix; not modified
     * @throws IllegalStateException when even the largest jitter leaves it indefinite (NaN entries, say)
     */
    static CholeskyFactor of(double[][] matrix) {
        int n = matrix.length;
        if (n == 0) {
            return new CholeskyFactor(new double[0][], 0);
        }
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) {
            meanDiagonal += matrix[i][i] / n;
        }
        double jitter = 0;
        while (true) {
            double[][] copy = new double[n][];
            for (int i = 0; i < n; i++) {
                copy[i] = matrix[i].clone();
                copy[i][i] += jitter;
            }
            try {
                CholeskyDecomposition decomposition = new CholeskyDecomposition(new Array2DRowRealMatrix(copy, false),
                        CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 1e-14 * Math.max(meanDiagonal, 1e-300));
                // Hipparchus keeps Lᵀ by rows: row j of Lᵀ is column j of L.
                return new CholeskyFactor(decomposition.getLT().getData(), jitter);
            } catch (MathIllegalArgumentException e) {
                jitter = jitter == 0 ? FIRST_JITTER * meanDiagonal : jitter * 100;
                if (!(jitter <= LAST_JITTER * meanDiagonal)) {
                    throw new IllegalStateException("covariance matrix is not positive definite even with jitter " + jitter, e);
                }
            }
        }
    }

    int size() {
        return columns.length;
    }

    /** What was added to the diagonal to make the matrix decomposable. */
    double jitter() {
        return jitter;
    }

    double diagonal(int i) {
        return columns[i][i];
    }

    /** log det K = 2 Σ log L_ii. */
    double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < columns.length; i++) {
            sum += Math.log(columns[i][i]);
        }
        return 2 * sum;
    }

    /** Solves L v = b (forward substitution). */
    double[] forwardSolve(double[] b) {
        double[] v = b.clone();
        int n = columns.length;
        for (int j = 0; j < n; j++) {
            double[] column = columns[j];
            double vj = v[j] / column[j];
            v[j] = vj;
            for (int i = j + 1; i < n; i++) {
                v[i] -= column[i] * vj;
            }
        }
        return v;
    }

    /** Solves Lᵀ w = v (back substitution). */
    double[] backSolve(double[] v) {
        int n = columns.length;
        double[] w = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double[] column = columns[i];
            double sum = v[i];
            for (int k = i + 1; k < n; k++) {
                sum -= column[k] * w[k];
            }
            w[i] = sum / column[i];
        }
        return w;
    }

    /** Solves K x = b. */
    double[] solve(double[] b) {
        return backSolve(forwardSolve(b));
    }

    /** K⁻¹ as a dense symmetric matrix, row-major (n³/3 multiply-adds: L⁻¹ by columns, then L⁻ᵀ L⁻¹). */
    double[] inverse() {
        int n = columns.length;
        double[][] inverseColumns = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] c = new double[n];
            c[j] = 1;
            for (int k = j; k < n; k++) {
                double[] column = columns[k];
                double ck = c[k] / column[k];
                c[k] = ck;
                if (ck != 0) {
                    for (int i = k + 1; i < n; i++) {
                        c[i] -= column[i] * ck;
                    }
                }
            }
            inverseColumns[j] = c;
        }
        double[] inverse = new double[n * n];
        for (int a = 0; a < n; a++) {
            double[] ca = inverseColumns[a];
            for (int b = a; b < n; b++) {
                double[] cb = inverseColumns[b];
                double sum = 0;
                for (int i = b; i < n; i++) {
                    sum += ca[i] * cb[i];
                }
                inverse[a * n + b] = sum;
                inverse[b * n + a] = sum;
            }
        }
        return inverse;
    }

    /**
     * The factor of the matrix grown by one row and column: {@code cross} its covariances with the existing rows,
     * {@code self} its variance. O(n²), against O(n³) for decomposing again.
     */
    CholeskyFactor extendedBy(double[] cross, double self) {
        int n = columns.length;
        double[] v = forwardSolve(cross);
        double rest = self + jitter - dot(v, v);
        double last = Math.sqrt(Math.max(rest, 1e-12 * Math.max(self, 1e-300)));
        double[][] grown = new double[n + 1][];
        for (int j = 0; j < n; j++) {
            grown[j] = java.util.Arrays.copyOf(columns[j], n + 1);
            grown[j][n] = v[j];
        }
        grown[n] = new double[n + 1];
        grown[n][n] = last;
        return new CholeskyFactor(grown, jitter);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
