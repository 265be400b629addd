using System.Globalization;
using Verdict.Counts;
using Verdict.Internal;

namespace Verdict.Curves;

/// <summary>
/// One exact binary curve: the distinct score thresholds, highest first, with the cumulative true and false
/// positives (row counts, or weight sums when weighted) at each, exactly scikit-learn's <c>_binary_clf_curve</c>.
/// ROC, precision-recall and DET curves, ROC AUC (full and partial), average precision, operating points and
/// threshold selection are all folds over it; none re-reads the data.
/// </summary>
/// <remarks>
/// <para><b>Tie rule.</b> A row is predicted positive at threshold t when its score is &gt;= t. Rows with tied
/// scores share one threshold and move together, so the curve never splits a tie.</para>
/// <para><b>Weights.</b> Rows of weight 0 are dropped before the thresholds are taken (they neither add a
/// threshold nor move a count), as scikit-learn does.</para>
/// <para><b>Undefined.</b> With no positives (or no negatives) the rates over that class are undefined: ROC TPR
/// (FPR) is NaN, ROC AUC is NaN (newer scikit-learn; 1.2.1 raised), average precision is 0, and the DET curve
/// throws <see cref="ArgumentException"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// var curve = BinaryCurve.Compute(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true });
/// curve.Thresholds;          // 0.8, 0.4, 0.35, 0.1
/// curve.TruePositives;       // 1, 1, 2, 2
/// curve.FalsePositives;      // 0, 1, 1, 2
/// curve.RocAuc();            // 0.75
/// curve.AveragePrecision();  // 0.8333...
/// </code>
/// </example>
public sealed class BinaryCurve
{
    private const int ParallelPoints = 1 << 18;
    private readonly double[] _thresholds;
    private readonly double[] _tps;
    private readonly double[] _fps;

    private BinaryCurve(double[] thresholds, double[] tps, double[] fps, double positives, double negatives)
    {
        _thresholds = thresholds;
        _tps = tps;
        _fps = fps;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Distinct thresholds, highest first.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>Cumulative true positives: the positive rows (weight) with score &gt;= <c>Thresholds[i]</c>.</summary>
    public IReadOnlyList<double> TruePositives => _tps;

    /// <summary>Cumulative false positives: the negative rows (weight) with score &gt;= <c>Thresholds[i]</c>.</summary>
    public IReadOnlyList<double> FalsePositives => _fps;

    /// <summary>Number of thresholds (points) on the curve.</summary>
    public int Count => _thresholds.Length;

    /// <summary>
    /// Total positive rows (weight), P. For an exact curve it equals the last true-positive count; for a binned
    /// curve it also counts rows scored below the lowest threshold.
    /// </summary>
    public double Positives { get; }

    /// <summary>Total negative rows (weight), N.</summary>
    public double Negatives { get; }

    internal ReadOnlySpan<double> ThresholdSpan => _thresholds;

    internal ReadOnlySpan<double> TpSpan => _tps;

    internal ReadOnlySpan<double> FpSpan => _fps;

    /// <summary>
    /// The exact curve of <paramref name="scores"/> against <paramref name="positives"/> (true for the positive
    /// class), with optional non-negative <paramref name="weights"/> (empty: every row weighs 1). One sort of the
    /// scores; O(N) memory.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is not finite, a weight is negative or not
    /// finite, or no row has a non-zero weight.</exception>
    public static BinaryCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(scores.Length, positives.Length, nameof(positives));
        Validate(scores, weights, checkFinite: !weights.IsEmpty);
        var sorter = new CurveSorter();
        if (weights.IsEmpty)
        {
            Finite(sorter.Split(scores, positives), scores);
        }
        else
        {
            sorter.SplitWeighted(scores, positives, weights);
        }

        return FromSorter(sorter);
    }

    /// <summary>
    /// The exact curve with 0/1 <paramref name="labels"/> (1 = positive); see
    /// <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool}, ReadOnlySpan{double})"/>.
    /// </summary>
    public static BinaryCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(scores.Length, labels.Length, nameof(labels));
        CurveChecks.ZeroOne(labels, nameof(labels));
        Validate(scores, weights, checkFinite: !weights.IsEmpty);
        var sorter = new CurveSorter();
        if (weights.IsEmpty)
        {
            Finite(sorter.Split(scores, labels), scores);
        }
        else
        {
            var positive = new bool[labels.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                positive[i] = labels[i] == 1;
            }

            sorter.SplitWeighted(scores, positive, weights);
        }

        return FromSorter(sorter);
    }

    /// <summary>
    /// The exact one-vs-rest curve of class <paramref name="positiveClass"/>: rows whose label index equals it are
    /// positive; see <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool}, ReadOnlySpan{double})"/>.
    /// </summary>
    public static BinaryCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int positiveClass, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(scores.Length, labels.Length, nameof(labels));
        Validate(scores, weights, checkFinite: !weights.IsEmpty);
        var sorter = new CurveSorter();
        if (weights.IsEmpty)
        {
            Finite(sorter.Split(scores, labels, positiveClass), scores);
        }
        else
        {
            var positive = new bool[labels.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                positive[i] = labels[i] == positiveClass;
            }

            sorter.SplitWeighted(scores, positive, weights);
        }

        return FromSorter(sorter);
    }

    /// <summary>
    /// A curve from cumulative counts already computed elsewhere (a binned accumulator, a saved curve).
    /// <paramref name="thresholds"/> must be strictly decreasing; <paramref name="truePositives"/> and
    /// <paramref name="falsePositives"/> non-decreasing, non-negative and at most <paramref name="positives"/> and
    /// <paramref name="negatives"/>.
    /// </summary>
    public static BinaryCurve FromCounts(ReadOnlySpan<double> thresholds, ReadOnlySpan<double> truePositives,
                                         ReadOnlySpan<double> falsePositives, double positives, double negatives)
    {
        Guard.SameLength(thresholds.Length, truePositives.Length, nameof(truePositives));
        Guard.SameLength(thresholds.Length, falsePositives.Length, nameof(falsePositives));
        if (!double.IsFinite(positives) || positives < 0 || !double.IsFinite(negatives) || negatives < 0)
        {
            throw new ArgumentException("Totals of positives and negatives must be finite and >= 0.", nameof(positives));
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            if (double.IsNaN(thresholds[i]) || (i > 0 && !(thresholds[i] < thresholds[i - 1])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Threshold {thresholds[i]} at position {i + 1} does not decrease; give distinct thresholds, highest first."),
                    nameof(thresholds));
            }

            double tpPrev = i > 0 ? truePositives[i - 1] : 0, fpPrev = i > 0 ? falsePositives[i - 1] : 0;
            if (!(truePositives[i] >= tpPrev) || !(falsePositives[i] >= fpPrev)
                || truePositives[i] > positives || falsePositives[i] > negatives)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Counts at position {i + 1} are not cumulative (non-decreasing, within the totals)."),
                    nameof(truePositives));
            }
        }

        return new BinaryCurve(thresholds.ToArray(), truePositives.ToArray(), falsePositives.ToArray(), positives, negatives);
    }

    /// <summary>Sorts the split rows once, counts the thresholds, then fills arrays of exactly that length.</summary>
    internal static BinaryCurve FromSorter(CurveSorter sorter)
    {
        (double[] thresholds, double[] tps, double[] fps, double positives, double negatives) = sorter.ToArrays();
        if (thresholds.Length == 0)
        {
            throw new ArgumentException("There are no rows with a non-zero weight; a curve needs at least one.");
        }

        return new BinaryCurve(thresholds, tps, fps, positives, negatives);
    }

    internal static BinaryCurve FromWorkspace(CurveWorkspace ws, int rows, bool weighted)
    {
        ws.Build(rows, weighted);
        if (ws.Count == 0)
        {
            throw new ArgumentException("There are no rows with a non-zero weight; a curve needs at least one.", nameof(rows));
        }

        int n = ws.Count;
        return new BinaryCurve(ws.Thresholds.AsSpan(0, n).ToArray(), ws.TruePositives.AsSpan(0, n).ToArray(),
                               ws.FalsePositives.AsSpan(0, n).ToArray(), ws.Positives, ws.Negatives);
    }

    internal static void Validate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, bool checkFinite = true)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("There are no rows; a curve needs at least one scored row.", nameof(scores));
        }

        if (checkFinite)
        {
            CurveChecks.Finite(scores, nameof(scores));
        }

        Guard.Weights(weights, scores.Length);
    }

    /// <summary>The unweighted split checks finiteness as it reads the scores; when it saw a bad one, name it.</summary>
    private static void Finite(bool allFinite, ReadOnlySpan<double> scores)
    {
        if (!allFinite)
        {
            CurveChecks.Finite(scores, nameof(scores));
        }
    }

    /// <summary>
    /// Counts at point <paramref name="index"/>: TP and FP from the curve, FN = P − TP, TN = N − FP.
    /// </summary>
    public BinaryCounts CountsAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new BinaryCounts(_tps[index], _fps[index], Positives - _tps[index], Negatives - _fps[index]);
    }

    /// <summary>
    /// Counts when rows with score &gt;= <paramref name="threshold"/> are predicted positive, found by binary
    /// search over the thresholds (no pass over the data). Above every threshold (e.g. +∞): TP = FP = 0.
    /// </summary>
    /// <example><c>curve.CountsAtThreshold(0.35)</c> on the class example: TP 2, FP 1, FN 0, TN 1.</example>
    public BinaryCounts CountsAtThreshold(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The threshold is NaN; give a number.", nameof(threshold));
        }

        int j = CurveMath.LastAtLeast(_thresholds, threshold);
        double tp = j >= 0 ? _tps[j] : 0, fp = j >= 0 ? _fps[j] : 0;
        return new BinaryCounts(tp, fp, Positives - tp, Negatives - fp);
    }

    /// <summary>
    /// The ROC curve, as scikit-learn ≥ 1.3's <c>roc_curve</c>: a first point (0, 0) at threshold +∞, then
    /// FPR = FP/N and TPR = TP/P at each threshold, highest first. With <paramref name="dropIntermediate"/>,
    /// points whose FP and TP second differences are both 0 (collinear, suboptimal) are dropped, keeping the
    /// first and last. FPR is NaN everywhere when N = 0, TPR when P = 0.
    /// </summary>
    /// <example>Class example: FPR 0, 0, 0.5, 0.5, 1; TPR 0, 0.5, 0.5, 1, 1; thresholds +∞, 0.8, 0.4, 0.35, 0.1.</example>
    public RocCurve Roc(bool dropIntermediate = true)
    {
        int n = Count;
        int chunks = Chunks(n);
        bool[] keep = n <= 1024 ? new bool[n] : LargeArray.Allocate<bool>(n);
        int[] before = KeepChunks(keep, chunks, dropIntermediate, secondDifference: true);
        int kept = before[chunks];
        double[] fpr = LargeArray.Allocate<double>(kept + 1), tpr = LargeArray.Allocate<double>(kept + 1),
                 thr = LargeArray.Allocate<double>(kept + 1);
        RunChunks(chunks, n, (c, start, end) =>
        {
            int k = 1 + before[c];
            for (int i = start; i < end; i++)
            {
                if (!keep[i])
                {
                    continue;
                }

                fpr[k] = Negatives > 0 ? _fps[i] / Negatives : double.NaN;
                tpr[k] = Positives > 0 ? _tps[i] / Positives : double.NaN;
                thr[k] = _thresholds[i];
                k++;
            }
        });

        thr[0] = double.PositiveInfinity;
        fpr[0] = Negatives > 0 ? 0.0 : double.NaN;
        tpr[0] = Positives > 0 ? 0.0 : double.NaN;
        return new RocCurve(fpr, tpr, thr);
    }

    /// <summary>
    /// The precision-recall curve, as scikit-learn's <c>precision_recall_curve</c>: thresholds in increasing order;
    /// precision[i] = TP/(TP+FP) (0 when nothing is predicted) and recall[i] = TP/P of predicting score &gt;=
    /// thresholds[i]; one last point (precision 1, recall 0) with no threshold. With no positives recall is 1 at
    /// every threshold (scikit-learn's rule). <paramref name="dropIntermediate"/> (scikit-learn ≥ 1.3) keeps only
    /// the first and last threshold of each run of equal TP.
    /// </summary>
    /// <example>Class example: precision 0.5, 0.667, 0.5, 1, 1; recall 1, 1, 0.5, 0.5, 0; thresholds 0.1, 0.35, 0.4, 0.8.</example>
    public PrecisionRecallCurve PrecisionRecall(bool dropIntermediate = false)
    {
        int n = Count;
        int chunks = Chunks(n);
        bool[] keep = n <= 1024 ? new bool[n] : LargeArray.Allocate<bool>(n);
        int[] before = KeepChunks(keep, chunks, dropIntermediate, secondDifference: false);
        int kept = before[chunks];
        double[] precision = LargeArray.Allocate<double>(kept + 1), recall = LargeArray.Allocate<double>(kept + 1),
                 thr = LargeArray.Allocate<double>(kept);
        RunChunks(chunks, n, (c, start, end) =>
        {
            int k = kept - 1 - before[c];
            for (int i = start; i < end; i++)
            {
                if (!keep[i])
                {
                    continue;
                }

                double predicted = _tps[i] + _fps[i];
                precision[k] = predicted != 0 ? _tps[i] / predicted : 0.0;
                recall[k] = Positives > 0 ? _tps[i] / Positives : 1.0;
                thr[k] = _thresholds[i];
                k--;
            }
        });

        precision[kept] = 1.0;
        recall[kept] = 0.0;
        return new PrecisionRecallCurve(precision, recall, thr);
    }

    /// <summary>
    /// The detection error tradeoff curve, following scikit-learn ≥ 1.7's <c>det_curve</c>: the candidate points are
    /// threshold +∞ (predict nothing: FPR 0, FNR 1) and every threshold, with FPR = FP/N and FNR = (P − TP)/P. The
    /// curve runs from the last point with FPR 0 (earlier FPR-0 points only have worse FNR) to the first point with
    /// FNR 0, and is returned with thresholds increasing (FPR decreasing). When the top-scored row is negative no
    /// finite threshold has FPR 0, so the curve ends at +∞ (FPR 0, FNR 1) and keeps every point at the lowest
    /// non-zero FPR; scikit-learn 1.2.1 had neither the +∞ point nor those points except the last.
    /// <paramref name="dropIntermediate"/> (scikit-learn ≥ 1.7) keeps only the first and last point of each run of
    /// equal TP.
    /// </summary>
    /// <exception cref="ArgumentException">The data held only one class (by weight): the DET curve is undefined (scikit-learn raises too).</exception>
    /// <example>Class example: FPR 0.5, 0.5, 0; FNR 0, 0.5, 0.5; thresholds 0.35, 0.4, 0.8.</example>
    public DetCurve Det(bool dropIntermediate = false)
    {
        if (!(Positives > 0) || !(Negatives > 0))
        {
            throw new ArgumentException("Only one class is present in the data: the detection error tradeoff curve is not defined in that case; it needs positive and negative rows.");
        }

        // Points 0..n: point 0 is (+inf, TP 0, FP 0), point i + 1 is threshold i.
        int n = Count + 1;
        Span<bool> keep = n <= 1024 ? stackalloc bool[n] : LargeArray.Allocate<bool>(n);
        keep.Fill(true);
        if (dropIntermediate && n > 2)
        {
            for (int p = 1; p < n - 1; p++)
            {
                keep[p] = TpAt(p) - TpAt(p - 1) != 0 || TpAt(p + 1) - TpAt(p) != 0;
            }
        }

        // first: the last point whose FP equals the first kept point's FP (0); last: the first point reaching TP = P.
        int first = 0, last = n - 1;
        double tpEnd = TpAt(n - 1);
        for (int p = 0; p < n; p++)
        {
            if (keep[p] && FpAt(p) == 0)
            {
                first = p;
            }
        }

        for (int p = 0; p < n; p++)
        {
            if (keep[p] && TpAt(p) >= tpEnd)
            {
                last = p;
                break;
            }
        }

        int count = 0;
        for (int p = first; p <= last; p++)
        {
            if (keep[p])
            {
                count++;
            }
        }

        var fpr = new double[count];
        var fnr = new double[count];
        var thr = new double[count];
        int k = count - 1;
        for (int p = first; p <= last; p++)
        {
            if (!keep[p])
            {
                continue;
            }

            fpr[k] = FpAt(p) / Negatives;
            fnr[k] = (Positives - TpAt(p)) / Positives;
            thr[k] = p == 0 ? double.PositiveInfinity : _thresholds[p - 1];
            k--;
        }

        return new DetCurve(fpr, fnr, thr);
    }

    /// <summary>
    /// Area under the ROC curve by the trapezoidal rule. With <paramref name="maxFpr"/> in (0, 1), the
    /// McClish-standardised partial AUC over FPR in [0, maxFpr], as scikit-learn's <c>roc_auc_score(max_fpr=)</c>:
    /// the curve is cut at maxFpr (linear interpolation), its area A is computed, and
    /// 0.5 · (1 + (A − maxFpr²/2) / (maxFpr − maxFpr²/2)) is returned, so chance scores 0.5 and perfect 1.
    /// NaN when only one class has weight (newer scikit-learn; 1.2.1 raised).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFpr"/> is not in (0, 1].</exception>
    /// <example>Class example: 0.75.</example>
    public double RocAuc(double? maxFpr = null)
    {
        if (maxFpr is { } m && !(m > 0 && m <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFpr), m, "max FPR must be in (0, 1].");
        }

        return CurveMath.RocAuc(_tps, _fps, Positives, Negatives, maxFpr);
    }

    /// <summary>
    /// Average precision, AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds from the highest (R₋₁ = 0), scikit-learn's
    /// step-wise (not interpolated) <c>average_precision_score</c>. 0 when there are no positives.
    /// </summary>
    /// <example>Class example: 0.5·1 + 0.5·(2/3) = 0.8333.</example>
    public double AveragePrecision() => CurveMath.AveragePrecision(_tps, _fps, Positives);

    private double TpAt(int point) => point == 0 ? 0.0 : _tps[point - 1];

    private double FpAt(int point) => point == 0 ? 0.0 : _fps[point - 1];

    /// <summary>
    /// Marks the points to keep (all, or with <paramref name="drop"/> the first, the last and every corner: a
    /// non-zero second difference of FP or TP, or for <paramref name="secondDifference"/> false a change of TP on
    /// either side) chunk by chunk; returns the kept count before each chunk, and the total last.
    /// </summary>
    private int[] KeepChunks(bool[] keep, int chunks, bool drop, bool secondDifference)
    {
        int n = keep.Length;
        var before = new int[chunks + 1];
        RunChunks(chunks, n, (c, start, end) =>
        {
            int kept = 0;
            for (int i = start; i < end; i++)
            {
                bool corner = !drop || n <= 2 || i == 0 || i == n - 1 || (secondDifference
                    ? ((_fps[i + 1] - _fps[i]) - (_fps[i] - _fps[i - 1])) != 0 || ((_tps[i + 1] - _tps[i]) - (_tps[i] - _tps[i - 1])) != 0
                    : (_tps[i] - _tps[i - 1]) != 0 || (_tps[i + 1] - _tps[i]) != 0);
                keep[i] = corner;
                kept += corner ? 1 : 0;
            }

            before[c + 1] = kept;
        });

        for (int c = 0; c < chunks; c++)
        {
            before[c + 1] += before[c];
        }

        return before;
    }

    /// <summary>How many chunks a pass over <paramref name="points"/> curve points is cut into (one per core when large).</summary>
    private static int Chunks(int points) => points >= ParallelPoints ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1;

    private static void RunChunks(int chunks, int n, Action<int, int, int> body)
    {
        if (chunks == 1)
        {
            body(0, 0, n);
            return;
        }

        Parallel.For(0, chunks, c => body(c, (int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
    }
}
