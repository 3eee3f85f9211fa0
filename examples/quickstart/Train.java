import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The quickstart's trainer: logistic regression on degree-2 features of a small bundled data set, trained by
 * gradient descent. It follows the SageMaker training contract like any container: hyperparameters from the SM_HP_*
 * variables, data from the channel directories, the model into SM_MODEL_DIR, metrics on stdout.
 * Runs with nothing but a JDK: java Train.java
 */
public class Train {

    public static void main(String[] args) throws IOException {
        double learningRate = Double.parseDouble(env("SM_HP_LEARNING_RATE", "0.1"));
        double l2 = Double.parseDouble(env("SM_HP_L2", "0.0001"));
        int epochs = Integer.parseInt(env("SM_HP_EPOCHS", "20"));
        List<double[]> train = read(Path.of(env("SM_CHANNEL_TRAIN", "data/train"), "train.csv"));
        List<double[]> validation = read(Path.of(env("SM_CHANNEL_VALIDATION", "data/validation"), "validation.csv"));
        int features = train.get(0).length - 1;
        double[] w = new double[features + 1]; // the last weight is the bias
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double[] gradient = new double[w.length];
            for (double[] row : train) {
                double error = predict(w, row) - row[features];
                for (int j = 0; j < features; j++) {
                    gradient[j] += error * row[j];
                }
                gradient[features] += error;
            }
            for (int j = 0; j < w.length; j++) {
                double penalty = j < features ? l2 * w[j] : 0;
                w[j] -= learningRate * (gradient[j] / train.size() + penalty);
            }
            System.out.printf("epoch %d: train loss = %.6f%n", epoch, logLoss(w, train));
            System.out.printf("epoch %d: validation loss = %.6f, validation accuracy = %.4f%n", epoch,
                    logLoss(w, validation), accuracy(w, validation));
        }
        Path model = Path.of(env("SM_MODEL_DIR", "model"));
        Files.createDirectories(model);
        StringBuilder weights = new StringBuilder();
        for (double v : w) {
            weights.append(v).append('\n');
        }
        Files.writeString(model.resolve("weights.txt"), weights);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Reads x1..x4,label and expands the four inputs to degree 2: 4 linear + 10 product features, then the label. */
    private static List<double[]> read(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",");
            double[] x = new double[4];
            for (int i = 0; i < 4; i++) {
                x[i] = Double.parseDouble(parts[i]);
            }
            double[] row = new double[4 + 10 + 1];
            int k = 0;
            for (int i = 0; i < 4; i++) {
                row[k++] = x[i];
            }
            for (int i = 0; i < 4; i++) {
                for (int j = i; j < 4; j++) {
                    row[k++] = x[i] * x[j];
                }
            }
            row[k] = Double.parseDouble(parts[4]);
            rows.add(row);
        }
        return rows;
    }

    private static double predict(double[] w, double[] row) {
        double z = w[w.length - 1];
        for (int j = 0; j < w.length - 1; j++) {
            z += w[j] * row[j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static double logLoss(double[] w, List<double[]> rows) {
        double sum = 0;
        for (double[] row : rows) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, predict(w, row)));
            double y = row[row.length - 1];
            sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
        }
        return sum / rows.size();
    }

    private static double accuracy(double[] w, List<double[]> rows) {
        int right = 0;
        for (double[] row : rows) {
            if ((predict(w, row) >= 0.5) == (row[row.length - 1] == 1)) {
                right++;
            }
        }
        return (double) right / rows.size();
    }
}
