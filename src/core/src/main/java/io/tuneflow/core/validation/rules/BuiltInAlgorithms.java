package io.tuneflow.core.validation.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises SageMaker's built-in algorithm images. They emit their metrics themselves, so a tuning job on one needs
 * no MetricDefinitions, and its objective must be one of the metrics the algorithm emits.
 */
final class BuiltInAlgorithms {

    /** ECR registries in AWS regions: {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]}. */
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?:[:@].*)?");

    /** Repository name → the metrics the algorithm can be tuned on, from each algorithm's "Tune a model" page. */
    private static final Map<String, Set<String>> METRICS = Map.ofEntries(
            Map.entry("blazingtext", Set.of("train:mean_rho", "validation:accuracy")),
            Map.entry("factorization-machines", Set.of("test:rmse", "test:binary_classification_accuracy",
                    "test:binary_classification_cross_entropy", "test:binary_f_beta")),
            Map.entry("forecasting-deepar", Set.of("test:RMSE", "test:mean_wQuantileLoss", "train:final_loss")),
            Map.entry("image-classification", Set.of("validation:accuracy")),
            Map.entry("ipinsights", Set.of("validation:discriminator_auc")),
            Map.entry("kmeans", Set.of("test:msd", "test:ssd")),
            Map.entry("knn", Set.of("test:accuracy", "test:mse")),
            Map.entry("lda", Set.of("test:pwll")),
            Map.entry("linear-learner", Set.of("test:absolute_loss", "test:binary_classification_accuracy",
                    "test:binary_f_beta", "test:dcg", "test:macro_f_beta", "test:macro_precision", "test:macro_recall",
                    "test:mse", "test:multiclass_accuracy", "test:multiclass_top_k_accuracy", "test:objective_loss",
                    "test:precision", "test:recall", "test:roc_auc_score", "validation:absolute_loss",
                    "validation:binary_classification_accuracy", "validation:binary_f_beta", "validation:dcg",
                    "validation:macro_f_beta", "validation:macro_precision", "validation:macro_recall", "validation:mse",
                    "validation:multiclass_accuracy", "validation:multiclass_top_k_accuracy", "validation:objective_loss",
                    "validation:precision", "validation:recall", "validation:rmse", "validation:roc_auc_score")),
            Map.entry("ntm", Set.of("validation:total_loss")),
            Map.entry("object2vec", Set.of("validation:accuracy", "validation:mean_squared_error")),
            Map.entry("object-detection", Set.of("validation:mAP")),
            Map.entry("pca", Set.of()),
            Map.entry("randomcutforest", Set.of("test:f1")),
            Map.entry("semantic-segmentation", Set.of("validation:mIOU", "validation:pixel_accuracy")),
            Map.entry("seq2seq", Set.of("validation:accuracy", "validation:bleu", "validation:perplexity")),
            Map.entry("xgboost", Set.of()),
            Map.entry("sagemaker-xgboost", Set.of("validation:accuracy", "validation:auc", "validation:aucpr",
                    "validation:error", "validation:f1", "validation:logloss", "validation:mae", "validation:map",
                    "validation:merror", "validation:mlogloss", "validation:mse", "validation:ndcg", "validation:rmse",
                    "validation:rmsle", "validation:mape", "validation:poisson-nloglik", "validation:gamma-nloglik",
                    "validation:tweedie-nloglik", "validation:cox-nloglik", "validation:gamma-deviance",
                    "train:accuracy", "train:auc", "train:aucpr", "train:error", "train:f1", "train:logloss", "train:mae",
                    "train:map", "train:merror", "train:mlogloss", "train:mse", "train:ndcg", "train:rmse", "train:rmsle",
                    "train:mape")));

    private BuiltInAlgorithms() {
    }

    /** The built-in algorithm an image URI runs, e.g. {@code sagemaker-xgboost}, if it is one. */
    static Optional<String> algorithmOf(String trainingImage) {
        if (trainingImage == null) {
            return Optional.empty();
        }
        Matcher m = ECR_IMAGE.matcher(trainingImage.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String repository = m.group(1);
        return METRICS.containsKey(repository) ? Optional.of(repository) : Optional.empty();
    }

    /** The metrics the algorithm emits for tuning; empty when the list is not known (then no check is made). */
    static Set<String> metricsOf(String algorithm) {
        return METRICS.getOrDefault(algorithm, Set.of());
    }
}
