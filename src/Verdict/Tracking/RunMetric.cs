namespace Verdict.Tracking;

/// <summary>
/// One scalar metric under its tracking key, e.g. <c>f1_macro</c> = 0.8; NaN when undefined (the value is kept as
/// given: NaN and ±∞ are logged, not dropped). A per-class metric is a <see cref="ClassMetric"/>.
/// </summary>
/// <param name="Key">The key, as <see cref="MetricKeys"/> makes them: valid as an MLflow metric name and a TensorBoard tag.</param>
/// <param name="Value">The value (NaN when undefined).</param>
/// <example><c>new RunMetric("loss", 0.31)</c>; <see cref="RunMetrics.FromReport"/> gives every metric of a report.</example>
public record RunMetric(string Key, double Value);

/// <summary>
/// One per-class metric: <c>precision</c> of class <c>fraud</c> is key <c>precision_fraud</c>. It is a
/// <see cref="RunMetric"/> under its flattened key, so it can be logged like any other; sinks that keep the
/// breakdown (the verdict CLI's run history) read <see cref="Metric"/> and <see cref="Class"/>.
/// </summary>
/// <param name="Metric">The metric name: precision, recall, f1, support, roc_auc, average_precision.</param>
/// <param name="Class">The class (label) name as in the data.</param>
/// <param name="Key">The flattened key, <c>{metric}_{sanitised class}</c>, unique within the run.</param>
/// <param name="Value">The value (NaN when undefined).</param>
public sealed record ClassMetric(string Metric, string Class, string Key, double Value) : RunMetric(Key, Value);
