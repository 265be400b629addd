using Verdict.Counts;
using Verdict.Curves;
using Verdict.Thresholds;

namespace Verdict.Tests.Thresholds;

public class OperatingPointTests
{
    // scikit-learn's example: candidates +inf, 0.8 (TP1 FP0), 0.4 (TP1 FP1), 0.35 (TP2 FP1), 0.1 (TP2 FP2).
    private static BinaryCurve Example() => BinaryCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);

    [Fact]
    public void RecallAtPrecision_DocExample_HighestRecallMeetingPrecision()
    {
        OperatingPoint p = OperatingPoints.RecallAtPrecision(Example(), 0.6)!.Value;
        Assert.Equal(0.35, p.Threshold);
        Assert.Equal(1.0, p.Value);
        Assert.Equal(new BinaryCounts(2, 1, 0, 1), p.Counts);
    }

    [Fact]
    public void RecallAtPrecision_TiedRecall_HighestThresholdWins()
    {
        // Recall 1 at 0.35 (precision 2/3) and at 0.1 (precision 1/2): the tie goes to 0.35.
        Assert.Equal(0.35, OperatingPoints.RecallAtPrecision(Example(), 0.5)!.Value.Threshold);
        Assert.Equal(0.8, OperatingPoints.RecallAtPrecision(Example(), 1.0)!.Value.Threshold);
    }

    [Fact]
    public void Constraints_Unattainable_ReturnNull()
    {
        BinaryCurve allWrong = BinaryCurve.Compute([0.9, 0.1], [false, true]);
        Assert.Null(OperatingPoints.RecallAtPrecision(allWrong, 0.6));
        Assert.Null(OperatingPoints.PrecisionAtRecall(BinaryCurve.Compute([0.9, 0.1], [false, false]), 0.5));
        Assert.Null(OperatingPoints.EqualErrorRate(BinaryCurve.Compute([0.9, 0.1], [true, true])));
    }

    [Fact]
    public void PrecisionAtRecall_DocExample()
    {
        OperatingPoint p = OperatingPoints.PrecisionAtRecall(Example(), 0.5)!.Value;
        Assert.Equal(0.8, p.Threshold);
        Assert.Equal(1.0, p.Value);
        Assert.Equal(2.0 / 3, OperatingPoints.PrecisionAtRecall(Example(), 0.75)!.Value.Value, 15);
    }

    [Fact]
    public void SensitivityAndSpecificity_DocExample()
    {
        OperatingPoint s = OperatingPoints.SensitivityAtSpecificity(Example(), 0.5)!.Value;
        Assert.Equal(0.35, s.Threshold);
        Assert.Equal(1.0, s.Value);
        OperatingPoint t = OperatingPoints.SpecificityAtSensitivity(Example(), 0.5)!.Value;
        Assert.Equal(0.8, t.Threshold);
        Assert.Equal(1.0, t.Value);
        Assert.Equal(double.PositiveInfinity, OperatingPoints.SensitivityAtSpecificity(BinaryCurve.Compute([0.9, 0.1], [false, true]), 1.0)!.Value.Threshold);
    }

    [Fact]
    public void EqualErrorRate_DocExample()
    {
        OperatingPoint e = OperatingPoints.EqualErrorRate(Example())!.Value;
        Assert.Equal(0.4, e.Threshold);
        Assert.Equal(0.5, e.Value);
        Assert.Equal(0.5, OperatingPoints.InterpolatedEqualErrorRate(Example()));

        // FNR - FPR: +inf 1, 0.9 1/2, 0.8 1/6, 0.7 -1/6: |d| ties at 0.8 and 0.7 and goes to 0.8, value
        // (1/3 + 1/2) / 2; the interpolated crossing is halfway from 0.8 to 0.7, where FPR = FNR = 1/2.
        BinaryCurve c = BinaryCurve.Compute([0.9, 0.8, 0.7, 0.6, 0.5], [true, false, false, true, false]);
        OperatingPoint d = OperatingPoints.EqualErrorRate(c)!.Value;
        Assert.Equal(0.8, d.Threshold);
        Assert.Equal(5.0 / 12, d.Value, 15);
        Assert.Equal(0.5, OperatingPoints.InterpolatedEqualErrorRate(c), 15);
    }

    [Fact]
    public void Selection_DocExample_TieRuleHighestThreshold()
    {
        BinaryCurve c = Example();
        OperatingPoint f1 = ThresholdSelection.MaxFBeta(c)!.Value;
        Assert.Equal(0.35, f1.Threshold);
        Assert.Equal(0.8, f1.Value, 15);

        // J = 0.5 at 0.8 and at 0.35: the tie goes to 0.8.
        OperatingPoint j = ThresholdSelection.MaxYoudenJ(c)!.Value;
        Assert.Equal(0.8, j.Threshold);
        Assert.Equal(0.5, j.Value);

        // Unit costs: 1 error at 0.8 and at 0.35 -> 0.8, cost 1/4 per row.
        OperatingPoint cost = ThresholdSelection.MinExpectedCost(c, 1, 1)!.Value;
        Assert.Equal(0.8, cost.Threshold);
        Assert.Equal(0.25, cost.Value);

        // Misses cost 10x: 0.35 (one false alarm, no miss) is cheapest.
        Assert.Equal(0.35, ThresholdSelection.MinExpectedCost(c, 1, 10)!.Value.Threshold);

        // False alarms cost 10x: 0.8 (one miss, no false alarm) is cheapest; with a negative on top, predicting nothing is.
        Assert.Equal(0.8, ThresholdSelection.MinExpectedCost(c, 10, 1)!.Value.Threshold);
        Assert.Equal(double.PositiveInfinity, ThresholdSelection.MinExpectedCost(BinaryCurve.Compute([0.9, 0.1], [false, true]), 10, 1)!.Value.Threshold);

        Assert.Equal(0.35, ThresholdSelection.MaxRecallAtPrecision(c, 0.6)!.Value.Threshold);
        Assert.Equal(0.8, ThresholdSelection.MaxPrecisionAtRecall(c, 0.5)!.Value.Threshold);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelection.MinExpectedCost(c, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelection.MaxFBeta(c, -1));
    }

    [Fact]
    public void CountsAt_DocExample()
    {
        BinaryCounts[] counts = ThresholdSweep.CountsAt(Example(), [0.5, 0.3]);
        Assert.Equal(new BinaryCounts(1, 0, 1, 2), counts[0]);
        Assert.Equal(new BinaryCounts(2, 1, 0, 1), counts[1]);
    }
}
