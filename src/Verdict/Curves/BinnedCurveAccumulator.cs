using System.Globalization;
using Verdict.Counts;
using Verdict.Internal;
using Verdict.Streaming;

namespace Verdict.Curves;

/// <summary>How a binned curve compares a score with a threshold.</summary>
public enum ThresholdRule
{
    /// <summary>score &gt;= threshold is positive (scikit-learn, TorchMetrics, the exact <see cref="BinaryCurve"/>).</summary>
    AtLeast = 0,

    /// <summary>score &gt; threshold is positive (Keras' <c>tf.keras.metrics.AUC</c>).</summary>
    Above = 1,
}

/// <summary>
/// A constant-memory curve over fixed thresholds (TorchMetrics' binned curves, Keras' AUC): batches are added with
/// <see cref="Add"/>, parts combine with <see cref="Merge"/>, and memory is O(thresholds) whatever the row count.
/// Mutable, not thread-safe; use one per thread and merge (or <see cref="ConcurrentAccumulator{T}"/>).
/// </summary>
/// <remarks>
/// <para><b>Bins.</b> With thresholds t₀ &lt; … &lt; t_{m−1}, a row goes to the bin of the highest threshold it
/// passes (score &gt;= t, or &gt; t with <see cref="ThresholdRule.Above"/>); rows passing none are counted only in
/// the totals, so they are never predicted positive.</para>
/// <para><b>Exactness.</b> Unweighted counts are integers held in doubles (exact to 2⁵³ rows), so adding in
/// batches or merging parts gives exactly the one-pass result. Weighted sums are equal up to floating-point
/// rounding (addition order).</para>
/// <para><b>Exact on the grid.</b> <see cref="ToCurve"/> keeps the thresholds whose bin is non-empty, so when
/// every score lies on the threshold grid it equals <see cref="BinaryCurve.Compute(ReadOnlySpan{double}, ReadOnlySpan{bool}, ReadOnlySpan{double})"/>
/// of the same data, and every fold (ROC, PR, DET, AUC, AP, operating points) agrees.</para>
/// </remarks>
/// <example>
/// <code>
/// var acc = new BinnedCurveAccumulator(11);          // thresholds 0, 0.1, ..., 1
/// acc.Add(new[] { 0.1, 0.4, 0.3, 0.8 }, new[] { false, false, true, true });
/// acc.ToCurve().RocAuc();                            // 0.75
/// </code>
/// </example>
public sealed class BinnedCurveAccumulator : IMergeable<BinnedCurveAccumulator>
{
    private readonly double[] _thresholds;
    private readonly double[] _tp;
    private readonly double[] _fp;
    private double _belowTp;
    private double _belowFp;

    /// <summary>
    /// <paramref name="thresholdCount"/> thresholds evenly spaced over [0, 1] (numpy <c>linspace(0, 1, n)</c>, as
    /// TorchMetrics' <c>thresholds=n</c>), compared with <see cref="ThresholdRule.AtLeast"/>.
    /// </summary>
    public BinnedCurveAccumulator(int thresholdCount)
        : this(Linspace(thresholdCount), ThresholdRule.AtLeast)
    {
    }

    /// <summary>Explicit finite <paramref name="thresholds"/> in strictly increasing order, compared by <paramref name="rule"/>.</summary>
    public BinnedCurveAccumulator(ReadOnlySpan<double> thresholds, ThresholdRule rule = ThresholdRule.AtLeast)
    {
        if (thresholds.IsEmpty)
        {
            throw new ArgumentException("Give at least one threshold.", nameof(thresholds));
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            if (!double.IsFinite(thresholds[i]) || (i > 0 && !(thresholds[i] > thresholds[i - 1])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Threshold {thresholds[i]} at position {i + 1} is not finite or not above the one before; give finite thresholds in increasing order."),
                    nameof(thresholds));
            }
        }

        _thresholds = thresholds.ToArray();
        _tp = new double[thresholds.Length];
        _fp = new double[thresholds.Length];
        Rule = rule;
    }

    /// <summary>
    /// Keras' <c>tf.keras.metrics.AUC(num_thresholds)</c> grid: −ε, 1/(n−1), 2/(n−1), …, (n−2)/(n−1), 1 + ε with
    /// ε = 1e-7, compared with <see cref="ThresholdRule.Above"/>. Use <see cref="KerasRocAuc"/> and
    /// <see cref="KerasPrAuc"/> for Keras' summations.
    /// </summary>
    public static BinnedCurveAccumulator Keras(int numThresholds = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numThresholds, 3);
        const double epsilon = 1e-7;
        var t = new double[numThresholds];
        t[0] = 0.0 - epsilon;
        for (int i = 0; i < numThresholds - 2; i++)
        {
            t[i + 1] = (i + 1) * 1.0 / (numThresholds - 1);
        }

        t[numThresholds - 1] = 1.0 + epsilon;
        return new BinnedCurveAccumulator(t, ThresholdRule.Above);
    }

    /// <summary>The thresholds, increasing.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>How scores are compared with thresholds.</summary>
    public ThresholdRule Rule { get; }

    /// <summary>Total positive rows (weight) added.</summary>
    public double Positives => Total(_tp, _belowTp);

    /// <summary>Total negative rows (weight) added.</summary>
    public double Negatives => Total(_fp, _belowFp);

    /// <summary>Adds a batch: finite <paramref name="scores"/>, <paramref name="positives"/>, optional weights.</summary>
    public void Add(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(scores.Length, positives.Length, nameof(positives));
        CurveChecks.Finite(scores, nameof(scores));
        Guard.Weights(weights, scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            int bin = BinOf(scores[i]);
            if (positives[i])
            {
                if (bin >= 0)
                {
                    _tp[bin] += w;
                }
                else
                {
                    _belowTp += w;
                }
            }
            else if (bin >= 0)
            {
                _fp[bin] += w;
            }
            else
            {
                _belowFp += w;
            }
        }
    }

    /// <summary>Adds everything <paramref name="other"/> holds; it must have the same thresholds and rule.</summary>
    public void Merge(BinnedCurveAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Rule != Rule || !other._thresholds.AsSpan().SequenceEqual(_thresholds))
        {
            throw new ArgumentException("Only accumulators with the same thresholds and rule can be merged.", nameof(other));
        }

        for (int i = 0; i < _tp.Length; i++)
        {
            _tp[i] += other._tp[i];
            _fp[i] += other._fp[i];
        }

        _belowTp += other._belowTp;
        _belowFp += other._belowFp;
    }

    /// <summary>Empties the accumulator.</summary>
    public void Reset()
    {
        Array.Clear(_tp);
        Array.Clear(_fp);
        _belowTp = 0;
        _belowFp = 0;
    }

    /// <summary>
    /// The counts at every threshold, in threshold order (TorchMetrics' binned state): at threshold tⱼ the rows in
    /// bins j and above are predicted positive.
    /// </summary>
    public BinaryCounts[] CountsAtThresholds()
    {
        var counts = new BinaryCounts[_thresholds.Length];
        double positives = Positives, negatives = Negatives;
        double tp = 0, fp = 0;
        for (int j = _thresholds.Length - 1; j >= 0; j--)
        {
            tp += _tp[j];
            fp += _fp[j];
            counts[j] = new BinaryCounts(tp, fp, positives - tp, negatives - fp);
        }

        return counts;
    }

    /// <summary>
    /// The curve over the thresholds whose bin is non-empty, highest first, with the totals of every row added; all
    /// of <see cref="BinaryCurve"/>'s folds apply. Needs <see cref="ThresholdRule.AtLeast"/> (a curve's thresholds
    /// mean score &gt;= t).
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule is <see cref="ThresholdRule.Above"/>, or no row passes any threshold.</exception>
    public BinaryCurve ToCurve()
    {
        if (Rule != ThresholdRule.AtLeast)
        {
            throw new InvalidOperationException("A curve's thresholds mean score >= t; use KerasRocAuc/KerasPrAuc or CountsAtThresholds with the Above rule.");
        }

        int n = 0;
        for (int j = 0; j < _thresholds.Length; j++)
        {
            if (_tp[j] > 0 || _fp[j] > 0)
            {
                n++;
            }
        }

        if (n == 0)
        {
            throw new InvalidOperationException("No row with a non-zero weight has passed a threshold yet.");
        }

        var thr = new double[n];
        var tps = new double[n];
        var fps = new double[n];
        double tp = 0, fp = 0;
        int k = 0;
        for (int j = _thresholds.Length - 1; j >= 0; j--)
        {
            if (!(_tp[j] > 0 || _fp[j] > 0))
            {
                continue;
            }

            tp += _tp[j];
            fp += _fp[j];
            thr[k] = _thresholds[j];
            tps[k] = tp;
            fps[k] = fp;
            k++;
        }

        return BinaryCurve.FromCounts(thr, tps, fps, Positives, Negatives);
    }

    /// <summary>
    /// Keras' ROC AUC (<c>summation_method='interpolation'</c>): the trapezoidal area over the points
    /// (FPR, TPR) at every threshold, with 0/0 rates taken as 0 (Keras' <c>divide_no_nan</c>).
    /// </summary>
    public double KerasRocAuc()
    {
        BinaryCounts[] c = CountsAtThresholds();
        double area = 0;
        for (int i = 0; i < c.Length - 1; i++)
        {
            double x0 = DivideNoNan(c[i].FalsePositives, c[i].FalsePositives + c[i].TrueNegatives);
            double x1 = DivideNoNan(c[i + 1].FalsePositives, c[i + 1].FalsePositives + c[i + 1].TrueNegatives);
            double y0 = DivideNoNan(c[i].TruePositives, c[i].TruePositives + c[i].FalseNegatives);
            double y1 = DivideNoNan(c[i + 1].TruePositives, c[i + 1].TruePositives + c[i + 1].FalseNegatives);
            area += (x0 - x1) * (y0 + y1) / 2;
        }

        return area;
    }

    /// <summary>
    /// Keras' PR AUC (<c>curve='PR', summation_method='interpolation'</c>): Davis &amp; Goadrich (2006)
    /// interpolation between consecutive thresholds, precision interpolated along TP as a function of predicted
    /// positives.
    /// </summary>
    public double KerasPrAuc()
    {
        BinaryCounts[] c = CountsAtThresholds();
        double sum = 0;
        for (int i = 0; i < c.Length - 1; i++)
        {
            double tp0 = c[i].TruePositives, tp1 = c[i + 1].TruePositives;
            double p0 = c[i].PredictedPositives, p1 = c[i + 1].PredictedPositives;
            double dtp = tp0 - tp1;
            double dp = p0 - p1;
            double slope = DivideNoNan(dtp, Math.Max(dp, 0));
            double intercept = tp1 - (slope * p1);
            double ratio = p0 > 0 && p1 > 0 ? DivideNoNan(p0, Math.Max(p1, 0)) : 1.0;
            sum += DivideNoNan(slope * (dtp + (intercept * Math.Log(ratio))), Math.Max(tp1 + c[i + 1].FalseNegatives, 0));
        }

        return sum;
    }

    /// <summary>
    /// The bins summed from the highest threshold down, then the rows below every threshold: the same order as the
    /// cumulative counts, so a cumulative count never exceeds its total through rounding.
    /// </summary>
    private static double Total(double[] bins, double below)
    {
        double sum = 0;
        for (int j = bins.Length - 1; j >= 0; j--)
        {
            sum += bins[j];
        }

        return sum + below;
    }

    private static double DivideNoNan(double x, double y) => y == 0 ? 0.0 : x / y;

    private static double[] Linspace(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        return CurveMath.Linspace(0.0, 1.0, count);
    }

    /// <summary>The bin of <paramref name="score"/>: the highest j with tⱼ &lt;= score (&lt; for Above), or -1.</summary>
    private int BinOf(double score)
    {
        double[] t = _thresholds;
        int lo = 0, hi = t.Length - 1, found = -1;
        bool strict = Rule == ThresholdRule.Above;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (strict ? t[mid] < score : t[mid] <= score)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
