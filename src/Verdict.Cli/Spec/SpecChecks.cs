using System.Globalization;
using Verdict.Evaluation;
using Verdict.Gates;

namespace Verdict.Cli.Spec;

/// <summary>
/// The checks of a spec's meaning against a task and labels: once without data (the spec's own task and labels,
/// for <c>verdict spec check</c>) and again against the data (its detected task and labels). Every problem is
/// collected with the line and column it is written at.
/// </summary>
internal static class SpecChecks
{
    /// <summary>Checks <paramref name="loaded"/> for <paramref name="task"/> and <paramref name="labels"/> (null: unknown).</summary>
    /// <param name="loaded">The spec.</param>
    /// <param name="task">The task, or null when neither the spec nor data tells it.</param>
    /// <param name="labels">The labels, or null when unknown.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="onData">Whether <paramref name="task"/> and <paramref name="labels"/> come from the data (wording; positive class checks).</param>
    /// <param name="dataPositive">The data's positive class (binary), when <paramref name="onData"/>.</param>
    public static void Check(LoadedSpec loaded, TaskKind? task, IReadOnlyList<string>? labels, SpecErrors errors,
                             bool onData = false, string? dataPositive = null)
    {
        GateSpec spec = loaded.Spec;
        string taskText = task is TaskKind t ? (onData ? $"the data is {Name(t)}" : $"the spec's task is {Name(t)}") : string.Empty;
        if (!onData)
        {
            Columns(loaded, task, errors);
        }

        if (spec.Positive is string positive)
        {
            if (task is TaskKind pt && pt != TaskKind.Binary)
            {
                errors.Add(loaded.At("positive"), $"positive applies to binary tasks, but {taskText}; name the class rules default to with critical: instead");
            }
            else if (labels is not null && !labels.Contains(positive))
            {
                errors.Add(loaded.At("positive"), $"positive class '{positive}' is not a label{Labels(positive, labels)}");
            }
        }

        if (spec.Critical is string critical)
        {
            if (task == TaskKind.Binary)
            {
                errors.Add(loaded.At("critical"), $"critical applies to multiclass and multilabel tasks, but {taskText}; binary rules read the positive class (positive:)");
            }
            else if (labels is not null && !labels.Contains(critical))
            {
                errors.Add(loaded.At("critical"), $"critical class '{critical}' is not a label{Labels(critical, labels)}");
            }
        }

        Threshold(loaded, task, labels, taskText, errors, onData);
        for (int i = 0; i < spec.Rules.Count; i++)
        {
            GateRule rule = spec.Rules[i];
            RuleNodes at = loaded.RuleNodes[i];
            Reference(loaded, rule.Metric, at.Rule, at.Metric, at.Average, at.Class, task, labels, taskText, errors, dataPositive, onData);
            Bounds(rule, at, task, errors);
        }

        foreach (DropAllowance drop in spec.Baseline?.MaxDrop ?? [])
        {
            SpecLocation at = drop.Location ?? loaded.At("baseline.max_drop");
            if (drop.Metric.Metric == "fbeta" && drop.Metric.Parameter is null)
            {
                errors.Add(at, $"baseline.max_drop key '{drop.Metric.Key}': fbeta needs its beta, e.g. fbeta:2@macro");
            }
            else if (drop.Metric.Metric == "top_k_accuracy" && drop.Metric.Parameter is null)
            {
                errors.Add(at, $"baseline.max_drop key '{drop.Metric.Key}': top_k_accuracy needs its k, e.g. top_k_accuracy:3");
            }

            Reference(loaded, drop.Metric, at, at, at, at, task, labels, taskText, errors, dataPositive, onData);
        }
    }

    private static void Columns(LoadedSpec loaded, TaskKind? task, SpecErrors errors)
    {
        SpecColumns c = loaded.Spec.Columns;
        if (c.Actual.Count > 1 && task is TaskKind t && t != TaskKind.Multilabel)
        {
            errors.Add(loaded.At("columns.actual"), $"columns.actual names {c.Actual.Count} columns, which is a multilabel layout, but the spec's task is {Name(t)}");
        }

        if (task == TaskKind.Multilabel && c.Actual.Count == 0)
        {
            errors.Add(loaded.At(loaded.Locations.ContainsKey("columns") ? "columns" : "task"), "a multilabel spec needs columns.actual: one 0/1 column per label, e.g. [y_0, y_1, y_2]");
        }

        if ((task == TaskKind.Multilabel || c.Actual.Count > 1) && c.Predicted.Count > 0 && c.Predicted.Count != c.Actual.Count)
        {
            errors.Add(loaded.At("columns.predicted"), $"columns.predicted names {c.Predicted.Count} columns but columns.actual names {c.Actual.Count}; give one per label, in the same order");
        }

        if ((task == TaskKind.Multilabel || c.Actual.Count > 1) && c.Scores is { Count: > 0 } s && s.Count != c.Actual.Count)
        {
            errors.Add(loaded.At("columns.scores"), $"columns.scores names {s.Count} columns but columns.actual names {c.Actual.Count}; give one per label, in the same order");
        }

        if (c.Score is not null && c.Scores is not null)
        {
            errors.Add(loaded.At("columns.scores"), "give columns.score (binary: the positive class's score) or columns.scores (one per class), not both");
        }

        if (task == TaskKind.Binary && c.Scores is not null)
        {
            errors.Add(loaded.At("columns.scores"), "a binary spec takes columns.score: the positive class's score column");
        }

        if (task is TaskKind.Multiclass or TaskKind.Multilabel && c.Score is not null)
        {
            errors.Add(loaded.At("columns.score"), $"a {Name(task.Value)} spec takes columns.scores: one score column per class (columns.score is the binary form)");
        }

        if (task == TaskKind.Multilabel && loaded.Spec.Labels is { } l && l.Count != c.Actual.Count)
        {
            errors.Add(loaded.At("labels"), $"labels names {l.Count} labels but columns.actual names {c.Actual.Count} columns; give one name per column");
        }
    }

    private static void Threshold(LoadedSpec loaded, TaskKind? task, IReadOnlyList<string>? labels, string taskText, SpecErrors errors, bool onData)
    {
        GateSpec spec = loaded.Spec;
        ThresholdSpec threshold = spec.Threshold;
        if (!threshold.UsesScores)
        {
            return;
        }

        SpecLocation at = loaded.At("threshold");
        if (!onData && spec.Columns.Predicted.Count > 0)
        {
            errors.Add(at, "the threshold makes predictions from the scores, but columns.predicted names a predicted column; remove one of them");
        }

        if (!onData && !spec.Columns.HasScores)
        {
            errors.Add(at, "the threshold needs scores: name columns.score (binary) or columns.scores (multilabel)");
        }

        if (task == TaskKind.Multiclass)
        {
            errors.Add(at, $"multiclass predictions are the class of highest score, so a threshold does not apply ({taskText}); remove threshold:");
            return;
        }

        if (threshold.Mode == ThresholdMode.Optimized && task == TaskKind.Multilabel)
        {
            errors.Add(at, $"optimize chooses one threshold for binary scores, but {taskText}; give value: or per_class: thresholds");
        }

        if (threshold.Mode == ThresholdMode.PerClass && threshold.PerClass is { } perClass)
        {
            if (labels is not null)
            {
                foreach (string name in perClass.Keys.Where(k => !labels.Contains(k)))
                {
                    errors.Add(loaded.At("threshold.per_class." + name), $"threshold.per_class names '{name}', which is not a label{Labels(name, labels)}");
                }

                if (task == TaskKind.Multilabel)
                {
                    string[] missing = [.. labels.Where(l => !perClass.ContainsKey(l))];
                    if (missing.Length > 0)
                    {
                        errors.Add(at, $"threshold.per_class gives no threshold for {string.Join(", ", missing.Select(m => $"'{m}'"))}; give one per label");
                    }
                }
            }

            if (task == TaskKind.Binary && spec.Positive is string p && !perClass.ContainsKey(p))
            {
                errors.Add(at, $"threshold.per_class gives no threshold for the positive class '{p}'");
            }
        }
    }

    private static void Reference(LoadedSpec loaded, MetricReference r, SpecLocation rule, SpecLocation metricAt, SpecLocation? averageAt,
                                  SpecLocation? classAt, TaskKind? task, IReadOnlyList<string>? labels, string taskText, SpecErrors errors,
                                  string? dataPositive, bool onData)
    {
        GateSpec spec = loaded.Spec;
        MetricInfo? info = MetricCatalog.Find(r.Metric);
        if (info is null)
        {
            return;
        }

        if (task is TaskKind t && !info.AppliesTo(t))
        {
            errors.Add(metricAt, $"{info.Name} does not apply here: {taskText}{Applies(info)}");
            return;
        }

        if (info.NeedsScores && !spec.Columns.HasScores)
        {
            errors.Add(metricAt, $"{info.Name} needs scores: name columns.score (binary: the positive class's probability) or columns.scores (one per class)");
        }

        TaskKind[] tasks = task is TaskKind known ? [known] : [TaskKind.Binary, TaskKind.Multiclass, TaskKind.Multilabel];
        if (r.Average != MetricAverage.None)
        {
            string name = MetricCatalog.AverageName(r.Average);
            if (!tasks.Any(k => info.Averages(k).Contains(r.Average)))
            {
                IReadOnlyList<MetricAverage> valid = task is TaskKind k2 ? info.Averages(k2) : [];
                string options = valid.Count == 0
                    ? $"{info.Name} takes no average{(task is null ? string.Empty : " here")}"
                    : $"use one of {string.Join(", ", valid.Select(MetricCatalog.AverageName))}";
                errors.Add(averageAt ?? rule, $"average '{name}' does not apply to {info.Name}{(task is null ? string.Empty : $" ({taskText})")}; {options}");
            }
        }

        if (r.Class is not null || r.EachClass)
        {
            if (!tasks.Any(info.AcceptsClass))
            {
                errors.Add(classAt ?? rule, $"{info.Name} has no per-class value{(task is null ? string.Empty : $" ({taskText})")}; remove class:");
            }
            else if (r.Class is string cls && labels is not null && !labels.Contains(cls))
            {
                errors.Add(classAt ?? rule, $"class '{cls}' is not a label{Labels(cls, labels)}");
            }
        }

        bool bare = r is { Average: MetricAverage.None, Class: null, EachClass: false };
        if (bare && task is TaskKind bt && info.NeedsAverageOrClass(bt) && spec.Critical is null)
        {
            string avgs = string.Join(", ", info.Averages(bt).Select(MetricCatalog.AverageName));
            errors.Add(rule, $"{info.Name} needs average: ({avgs}) or class: (a label, or each), since {taskText}");
        }

        if (bare && onData && task == TaskKind.Binary && info.Family == MetricFamily.Counts && dataPositive is null)
        {
            errors.Add(rule, $"{info.Name} without average or class reads the positive class, but the spec names none; add positive: (one of {string.Join(", ", labels ?? [])})");
        }
    }

    private static void Bounds(GateRule rule, RuleNodes at, TaskKind? task, SpecErrors errors)
    {
        MetricInfo? info = MetricCatalog.Find(rule.Metric.Metric);
        if (info is null)
        {
            return;
        }

        if (rule.Min is null && rule.Max is null)
        {
            errors.Add(at.Rule, $"the rule on {rule.Metric.Key} has no bound; add min: (a floor) or max: (a ceiling)");
            return;
        }

        double hi = info.MaximumFor(task);
        foreach ((double? bound, SpecLocation? where, string name) in new[] { (rule.Min, at.Min, "min"), (rule.Max, at.Max, "max") })
        {
            if (bound is double b && (b < info.Minimum || b > hi))
            {
                errors.Add(where ?? at.Rule, $"{name} {b.ToString(CultureInfo.InvariantCulture)} is outside {info.Name}'s range {info.RangeText(task)}");
            }
        }

        if (rule.Min is double lo && rule.Max is double up && lo > up)
        {
            errors.Add(at.Min ?? at.Rule, $"min {lo.ToString(CultureInfo.InvariantCulture)} is above max {up.ToString(CultureInfo.InvariantCulture)}; no value can pass");
        }

        if (rule.Direction is MetricDirection d && d != info.Direction)
        {
            errors.Add(at.Rule, $"{info.Name} is {Direction(info.Direction)}; direction: {(d == MetricDirection.HigherIsBetter ? "higher" : "lower")} contradicts it");
        }
        else if (rule.Direction is null && info.Direction == MetricDirection.LowerIsBetter && rule.Min is not null)
        {
            errors.Add(at.Min ?? at.Rule, $"{info.Name} is lower-is-better, so min: sets a floor on a loss; use max: for a ceiling, or add 'direction: lower' if a floor is really meant");
        }
        else if (rule.Direction is null && info.Direction == MetricDirection.HigherIsBetter && rule.Max is not null)
        {
            errors.Add(at.Max ?? at.Rule, $"{info.Name} is higher-is-better, so max: sets a ceiling on a score; use min: for a floor, or add 'direction: higher' if a ceiling is really meant");
        }
    }

    private static string Direction(MetricDirection d) => d == MetricDirection.HigherIsBetter ? "higher-is-better" : "lower-is-better";

    private static string Name(TaskKind t) => t.ToString().ToLowerInvariant();

    private static string Applies(MetricInfo info) => info.Family switch
    {
        MetricFamily.TopK => $"; {info.Name} applies to multiclass tasks",
        MetricFamily.Probabilistic => $"; {info.Name} applies to binary and multiclass tasks",
        _ => $"; {info.Name} applies to binary and multiclass tasks",
    };

    private static string Labels(string given, IReadOnlyList<string> labels)
    {
        string? closest = SpecErrors.Closest(given, labels);
        return closest is not null ? $"; did you mean '{closest}'?" : $"; the labels are {string.Join(", ", labels)}";
    }
}
