using Verdict.Counts;

namespace Verdict.Thresholds;

/// <summary>
/// One operating point of a binary classifier: predict positive every row with score &gt;= <see cref="Threshold"/>
/// (+∞: predict nothing). <see cref="Value"/> is the quantity that chose it (a recall, an F-score, a cost...) and
/// <see cref="Counts"/> the full confusion counts there, from which any other score follows.
/// </summary>
/// <param name="Threshold">The score threshold; +∞ for the point that predicts no row positive.</param>
/// <param name="Value">The objective or constrained quantity at this point.</param>
/// <param name="Counts">TP, FP, FN and TN at this threshold.</param>
public readonly record struct OperatingPoint(double Threshold, double Value, BinaryCounts Counts);
