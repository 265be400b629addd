using System.Globalization;
using System.Xml.Linq;
using Verdict.Tests.Curves;

namespace Verdict.Tests.Charts;

/// <summary>Parses chart SVG and finds its parts by class; loads the sample data the chart tests draw.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static readonly Lazy<Verdict.Curves.BinaryCurve> FraudCurveData = new(() =>
        Verdict.Curves.BinaryCurve.Compute(SampleData.FraudSet.Scores, SampleData.FraudSet.Positives));

    public static Verdict.Curves.BinaryCurve FraudCurve => FraudCurveData.Value;

    public static string[] DigitNames { get; } = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Parses <paramref name="svg"/> (throws when it is not well-formed XML) and checks the root.</summary>
    public static XElement Parse(string svg)
    {
        XElement root = XDocument.Parse(svg).Root!;
        Assert.Equal(Ns + "svg", root.Name);
        return root;
    }

    public static IEnumerable<XElement> ByClass(XElement root, string cssClass) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static IReadOnlyList<string> Texts(XElement root, string cssClass) =>
        ByClass(root, cssClass).Select(e => string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value))).ToList();

    /// <summary>The (x, y) points of an "M x y L x y ..." path.</summary>
    public static List<(double X, double Y)> PathPoints(XElement path)
    {
        string d = (string)path.Attribute("d")!;
        var points = new List<(double, double)>();
        foreach (string command in d.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries))
        {
            string[] xy = command.Trim().Split(' ');
            points.Add((double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)));
        }

        return points;
    }

    public static string Title(XElement e) => (string?)e.Element(Ns + "title") ?? string.Empty;
}
