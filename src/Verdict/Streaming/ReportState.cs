using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Streaming;

/// <summary>What kind of scores a report state keeps.</summary>
public enum ScoreKind
{
    /// <summary>No scores.</summary>
    None = 0,

    /// <summary>One score column for the positive class; targets are 0/1.</summary>
    Binary = 1,

    /// <summary>One probability column per class; targets are class indices into <see cref="ReportState.ScoreLabels"/>.</summary>
    Multiclass = 2,

    /// <summary>One score column per label; targets are 0/1 per label.</summary>
    Multilabel = 3,
}

/// <summary>
/// The sufficient statistics of a whole report, mergeable across shards: the label counts (or multilabel counts)
/// and, when scores were given, the exact scores. States carry their label names, so shards whose label sets
/// differ merge correctly, and an optional shard id detects a shard merged twice. <see cref="ToReport"/> makes the
/// report one pass over all rows would make.
/// </summary>
public sealed class ReportState
{
    private readonly List<string> _shardIds = [];
    private readonly List<string> _notes = [];

    private ReportState(TaskKind task, IReadOnlyList<string>? listedLabels, string? positive, bool weighted)
    {
        Task = task;
        ListedLabels = listedLabels;
        Positive = positive;
        IsWeighted = weighted;
    }

    /// <summary>Binary, multiclass or multilabel (binary and multiclass share one kind of counts).</summary>
    public TaskKind Task { get; private set; }

    /// <summary>The labels the caller listed (report order), or null.</summary>
    public IReadOnlyList<string>? ListedLabels { get; }

    /// <summary>The positive label (binary), or null.</summary>
    public string? Positive { get; }

    /// <summary>Whether rows carry sample weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>Single-label counts, or null for multilabel.</summary>
    public LabelCountsAccumulator? Counts { get; private init; }

    /// <summary>Multilabel counts, or null.</summary>
    public MultilabelCountsAccumulator? MultilabelCounts { get; private init; }

    /// <summary>Multilabel label names, in column order.</summary>
    public IReadOnlyList<string>? LabelNames { get; private init; }

    /// <summary>The kind of scores kept.</summary>
    public ScoreKind ScoreKind { get; private init; }

    /// <summary>Kept scores, or null.</summary>
    public ScoreAccumulator? Scores { get; private init; }

    /// <summary>Multiclass: the class of each score column; multilabel: the label names.</summary>
    public IReadOnlyList<string>? ScoreLabels { get; private init; }

    /// <summary>Ids of the shards merged into this state.</summary>
    public IReadOnlyList<string> ShardIds => _shardIds;

    /// <summary>Notes that travel with the state (e.g. how predictions were made, skipped rows).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>A single-label state; <paramref name="scoreKind"/> Binary or Multiclass keeps scores too.</summary>
    public static ReportState SingleLabel(IReadOnlyList<string>? listedLabels, string? positive, bool weighted,
                                          ScoreKind scoreKind = ScoreKind.None, IReadOnlyList<string>? scoreLabels = null)
    {
        if (scoreKind == ScoreKind.Multilabel)
        {
            throw new ArgumentException("Multilabel scores need a multilabel state.", nameof(scoreKind));
        }

        return new ReportState(TaskKind.Multiclass, listedLabels, positive, weighted)
        {
            Counts = new LabelCountsAccumulator(weighted),
            ScoreKind = scoreKind,
            Scores = scoreKind switch
            {
                ScoreKind.Binary => new ScoreAccumulator(1, 1, weighted),
                ScoreKind.Multiclass => new ScoreAccumulator(scoreLabels?.Count ?? throw new ArgumentNullException(nameof(scoreLabels)), 1, weighted),
                _ => null,
            },
            ScoreLabels = scoreLabels,
        };
    }

    /// <summary>A multilabel state over <paramref name="labelNames"/>; <paramref name="withScores"/> keeps one score per label.</summary>
    public static ReportState Multilabel(IReadOnlyList<string> labelNames, bool weighted, bool withScores)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        return new ReportState(TaskKind.Multilabel, null, null, weighted)
        {
            MultilabelCounts = new MultilabelCountsAccumulator(labelNames.Count, weighted),
            LabelNames = labelNames,
            ScoreKind = withScores ? ScoreKind.Multilabel : ScoreKind.None,
            Scores = withScores ? new ScoreAccumulator(labelNames.Count, labelNames.Count, weighted) : null,
            ScoreLabels = withScores ? labelNames : null,
        };
    }

    /// <summary>Names this state as one shard (for duplicate detection on merge).</summary>
    public void AddShardId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _shardIds.Add(id);
    }

    /// <summary>Adds a note, once.</summary>
    public void AddNote(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>
    /// Adds another shard's state. Configurations must match (task, listed labels, positive label, weighting,
    /// score columns); a shard id seen twice is an error.
    /// </summary>
    /// <exception cref="ArgumentException">The configurations differ or a shard would be counted twice.</exception>
    public void Merge(ReportState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        string? difference =
            other.Task != Task && !(IsSingleLabel(other.Task) && IsSingleLabel(Task)) ? $"task {Task} vs {other.Task}"
            : !SameList(other.ListedLabels, ListedLabels) ? "the listed labels"
            : other.Positive != Positive ? $"the positive label ('{Positive}' vs '{other.Positive}')"
            : other.IsWeighted != IsWeighted ? "weighting (one has sample weights, the other not)"
            : other.ScoreKind != ScoreKind ? $"scores ({ScoreKind} vs {other.ScoreKind})"
            : !SameList(other.ScoreLabels, ScoreLabels) ? "the score columns' labels"
            : !SameList(other.LabelNames, LabelNames) ? "the multilabel label names"
            : null;
        if (difference is not null)
        {
            throw new ArgumentException($"These states cannot be merged: they differ in {difference}.", nameof(other));
        }

        foreach (string id in other._shardIds)
        {
            if (_shardIds.Contains(id))
            {
                throw new ArgumentException($"Shard '{id}' is already merged; each shard may be merged once.", nameof(other));
            }
        }

        Counts?.Merge(other.Counts!);
        MultilabelCounts?.Merge(other.MultilabelCounts!);
        Scores?.Merge(other.Scores!);
        _shardIds.AddRange(other._shardIds);
        foreach (string note in other._notes)
        {
            AddNote(note);
        }
    }

    /// <summary>The report of everything added or merged: the same as one pass over all rows.</summary>
    public EvaluationReport ToReport(ZeroDivision zeroDivision = ZeroDivision.Zero, IReadOnlyList<int>? topK = null)
    {
        EvaluationReport report;
        if (MultilabelCounts is not null)
        {
            report = EvaluationReport.For(MultilabelCounts.ToCounts(), LabelNames!, IsWeighted, zeroDivision);
            if (Scores is not null)
            {
                bool[] indicator = new bool[Scores.Targets.Length];
                for (int i = 0; i < indicator.Length; i++)
                {
                    indicator[i] = Scores.Targets[i] == 1;
                }

                ScoreMetrics.AddMultilabel(report, indicator, Scores.Scores, LabelNames!, Scores.Weights);
            }
        }
        else
        {
            LabelEvaluation evaluation = Counts!.ToEvaluation(ListedLabels);
            // The positive label adds binary precision/recall/F1 only to binary data; on multiclass data it names the
            // class the kept scores are for (one-vs-rest).
            report = EvaluationReport.For(evaluation, zeroDivision, evaluation.Task == TaskKind.Binary ? Positive : null);
            if (ScoreKind == ScoreKind.Binary)
            {
                var positives = new bool[Scores!.Rows];
                for (int i = 0; i < positives.Length; i++)
                {
                    positives[i] = Scores.Targets[i] == 1;
                }

                ScoreMetrics.AddBinary(report, Scores.Scores, positives, Scores.Weights);
            }
            else if (ScoreKind == ScoreKind.Multiclass)
            {
                ScoreMetrics.AddMulticlass(report, Scores!.Targets, Scores.Scores, ScoreLabels!, Scores.Weights, topK);
            }
        }

        foreach (string note in _notes)
        {
            report.AddNote(note);
        }

        return report;
    }

    internal static ReportState Restore(TaskKind task, IReadOnlyList<string>? listed, string? positive, bool weighted,
                                        LabelCountsAccumulator? counts, MultilabelCountsAccumulator? multilabel,
                                        IReadOnlyList<string>? labelNames, ScoreKind scoreKind, ScoreAccumulator? scores,
                                        IReadOnlyList<string>? scoreLabels, IEnumerable<string> shardIds, IEnumerable<string> notes)
    {
        var state = new ReportState(task, listed, positive, weighted)
        {
            Counts = counts,
            MultilabelCounts = multilabel,
            LabelNames = labelNames,
            ScoreKind = scoreKind,
            Scores = scores,
            ScoreLabels = scoreLabels,
        };
        state._shardIds.AddRange(shardIds);
        state._notes.AddRange(notes);
        return state;
    }

    private static bool IsSingleLabel(TaskKind t) => t != TaskKind.Multilabel;

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal));
}
