using System.Text.Json.Nodes;
using Verdict.Probabilistic;
using Verdict.Tests.Curves;
using Verdict.Tests.Reference;

namespace Verdict.Tests.Probabilistic;

public class ProbabilisticSampleTests
{
    [Fact]
    public void BrierAndLogLoss_FraudSample_MatchScikitLearn()
    {
        SampleData.Fraud data = SampleData.FraudSet;
        JsonObject e = SampleData.Expected("fraud");
        Oracle.AssertClose(Oracle.ToDouble(e["brier_score"]), BrierScore.Binary(data.Scores, data.Positives), "brier");
        Oracle.AssertClose(Oracle.ToDouble(e["log_loss"]), LogLoss.Binary(data.Scores, data.Positives), "log loss");
    }
}
