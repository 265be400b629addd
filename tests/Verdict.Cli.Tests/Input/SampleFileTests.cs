using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public class SampleFileTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public void Read_FraudSample_RowsAndValues()
    {
        Table table = TableReader.Read(
            Sample("fraud.csv"),
            [ColumnSpec.Label("label"), ColumnSpec.Number("p_fraud"), ColumnSpec.Label("predicted"), ColumnSpec.Number("transaction_id")],
            new ReadOptions());

        Assert.Equal(200_000, table.Rows);
        Assert.Equal(["transaction_id", "label", "p_fraud", "predicted"], table.Header);
        LabelColumn label = table.Labels("label");
        Assert.Equal(["legit", "fraud"], label.Values);
        Assert.Equal(3_197, label.Codes.Count(c => c == 1));
        Assert.Equal(2_395, table.Labels("predicted").Codes.Count(c => table.Labels("predicted").Values[c] == "fraud"));
        double[] p = table.Numbers("p_fraud");
        Assert.Equal(0.0005760849321575789, p[0]);
        Assert.Equal("fraud", label[95]);
        Assert.Equal(0.9103098032348008, p[95]);
        Assert.Equal("legit", table.Labels("predicted")[185]);
        Assert.Equal(0.038738792230170856, p[185]);
        Assert.Equal(0.0039004642694613276, p[^1]);
        Assert.Equal(200_000.0, table.Numbers("transaction_id")[^1]);
    }

    [Fact]
    public void Read_FraudSample_ParallelEqualsSequential()
    {
        ColumnSpec[] columns = [ColumnSpec.Label("label"), ColumnSpec.Number("p_fraud")];
        Table sequential = TableReader.Read(Sample("fraud.csv"), columns, new ReadOptions { MaxDegreeOfParallelism = 1 });
        Table parallel = TableReader.Read(Sample("fraud.csv"), columns, new ReadOptions { MaxDegreeOfParallelism = 3, BlockSize = 1 << 20 });

        Assert.Equal(sequential.Numbers("p_fraud"), parallel.Numbers("p_fraud"));
        Assert.Equal(sequential.Labels("label").Codes, parallel.Labels("label").Codes);
    }
}
