using System.Globalization;
using Verdict.Evaluation;
using Verdict.Gates;
using Verdict.Scores;
using Verdict.Thresholds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verdict.Cli.Spec;

/// <summary>Where each part of a rule is written, for errors found later (against the data's task and labels).</summary>
internal sealed record RuleNodes(SpecLocation Rule, SpecLocation Metric, SpecLocation? Average, SpecLocation? Class,
                                 SpecLocation? Min, SpecLocation? Max);

/// <summary>A parsed spec with where it came from and where each part of it is written.</summary>
internal sealed class LoadedSpec
{
    public LoadedSpec(GateSpec spec, string displayName, string baseDirectory, IReadOnlyList<RuleNodes> rules,
                      IReadOnlyDictionary<string, SpecLocation> locations)
    {
        Spec = spec;
        DisplayName = displayName;
        BaseDirectory = baseDirectory;
        RuleNodes = rules;
        Locations = locations;
    }

    public GateSpec Spec { get; }

    /// <summary>The spec's path as the user gave it (errors name it).</summary>
    public string DisplayName { get; }

    /// <summary>The folder relative paths in the spec (the baseline report) are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>Locations of each rule's parts, parallel to <see cref="GateSpec.Rules"/>.</summary>
    public IReadOnlyList<RuleNodes> RuleNodes { get; }

    /// <summary>Locations of other parts by dotted path: "columns.actual", "threshold", "positive", "baseline.report"...</summary>
    public IReadOnlyDictionary<string, SpecLocation> Locations { get; }

    public SpecLocation At(string key) => Locations.TryGetValue(key, out SpecLocation l) ? l : new SpecLocation(1, 1);
}

/// <summary>
/// Reads a spec file (YAML, version 1) with YamlDotNet's representation model, so every node keeps its line and
/// column, into a <see cref="GateSpec"/>; collects every problem (with closest-name suggestions) before failing.
/// </summary>
internal sealed class SpecLoader
{
    public static readonly string[] TopKeys = ["version", "task", "columns", "labels", "positive", "critical", "zero_division", "threshold", "rules", "baseline", "undefined"];
    public static readonly string[] ColumnKeys = ["actual", "predicted", "score", "scores", "weight"];
    public static readonly string[] RuleKeys = ["metric", "average", "class", "beta", "k", "min", "max", "direction", "undefined"];
    public static readonly string[] ThresholdKeys = ["value", "per_class", "optimize", "subject_to"];
    public static readonly string[] BaselineKeys = ["report", "max_drop"];
    private static readonly string[] Tasks = ["binary", "multiclass", "multilabel"];
    private static readonly string[] Policies = ["fail", "pass", "ignore"];
    private static readonly string[] ZeroDivisions = ["zero", "one", "nan"];
    private static readonly string[] Directions = ["higher", "lower"];
    private static readonly string[] ConstraintKeys = ["precision", "recall"];
    private static readonly string[] ThresholdModes = ["value", "per_class", "optimize"];
    private static readonly string[] MinKey = ["min"];
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["auc"] = "roc_auc", ["roc"] = "roc_auc", ["rocauc"] = "roc_auc", ["ap"] = "average_precision", ["pr_auc"] = "average_precision",
        ["mcc"] = "matthews_corrcoef", ["kappa"] = "cohen_kappa", ["f1_score"] = "f1", ["f1-score"] = "f1", ["sensitivity"] = "recall",
        ["tpr"] = "recall", ["tnr"] = "specificity", ["selectivity"] = "specificity", ["ppv"] = "precision", ["logloss"] = "log_loss",
        ["cross_entropy"] = "log_loss", ["brier"] = "brier_score", ["top_k"] = "top_k_accuracy", ["iou"] = "jaccard",
        ["f_beta"] = "fbeta", ["balanced_acc"] = "balanced_accuracy", ["hamming"] = "hamming_loss",
    };

    private readonly SpecErrors _errors;
    private readonly Dictionary<string, SpecLocation> _locations = new(StringComparer.Ordinal);
    private readonly List<RuleNodes> _ruleNodes = [];

    private SpecLoader(string displayName)
    {
        _errors = new SpecErrors(displayName);
    }

    /// <summary>Reads and validates the spec at <paramref name="path"/>; throws one error listing every problem.</summary>
    public static LoadedSpec Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read spec '{path}': {e.Message}");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, path, folder);
    }

    /// <summary>Parses spec text; <paramref name="displayName"/> names it in errors.</summary>
    public static LoadedSpec Parse(string text, string displayName, string baseDirectory)
    {
        var loader = new SpecLoader(displayName);
        GateSpec? spec = loader.Read(text);
        loader._errors.ThrowIfAny();
        return new LoadedSpec(spec!, displayName, baseDirectory, loader._ruleNodes, loader._locations);
    }

    private static SpecLocation At(YamlNode node) => new(checked((int)node.Start.Line), checked((int)node.Start.Column));

    private GateSpec? Read(string text)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            string message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            _errors.Add(new SpecLocation(checked((int)e.Start.Line), checked((int)e.Start.Column)), $"YAML syntax error: {message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections without a YamlException.
            Mark at = scanner.CurrentPosition;
            _errors.Add(new SpecLocation(checked((int)at.Line), checked((int)at.Column)),
                        "YAML syntax error: unexpected content here (is a '{' or '[' before it left unclosed?)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            _errors.Add(new SpecLocation(1, 1), "the spec is empty; start from `verdict spec init FILE` or the example in docs/gate.md");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            _errors.Add(At(stream.Documents[1].RootNode), "the spec holds more than one YAML document; keep one");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            _errors.Add(At(stream.Documents[0].RootNode), "the spec must be a mapping of keys (version, task, columns, rules, ...)");
            return null;
        }

        Dictionary<string, YamlNode> top = Keys(root, TopKeys, "spec", string.Empty);
        int version = 1;
        if (!top.TryGetValue("version", out YamlNode? versionNode))
        {
            _errors.Add(At(root), "the spec has no 'version'; add 'version: 1' as its first line");
        }
        else if (Scalar(versionNode, "version") is string v && v != "1")
        {
            _errors.Add(At(versionNode), $"version {v} is not supported; this verdict reads spec version 1");
            version = 0;
        }

        TaskKind? task = top.TryGetValue("task", out YamlNode? taskNode) ? Task(taskNode) : null;
        SpecColumns columns = top.TryGetValue("columns", out YamlNode? columnsNode) ? Columns(columnsNode) : SpecColumns.Defaults;
        IReadOnlyList<string>? labels = top.TryGetValue("labels", out YamlNode? labelsNode) ? Strings(labelsNode, "labels") : null;
        string? positive = top.TryGetValue("positive", out YamlNode? positiveNode) ? Scalar(positiveNode, "positive") : null;
        string? critical = top.TryGetValue("critical", out YamlNode? criticalNode) ? Scalar(criticalNode, "critical") : null;
        ZeroDivision zd = top.TryGetValue("zero_division", out YamlNode? zdNode) ? ZeroDivisionOf(zdNode) : ZeroDivision.Zero;
        UndefinedPolicy undefined = top.TryGetValue("undefined", out YamlNode? undefinedNode) ? Policy(undefinedNode) ?? UndefinedPolicy.Fail : UndefinedPolicy.Fail;
        ThresholdSpec threshold = top.TryGetValue("threshold", out YamlNode? thresholdNode) ? Threshold(thresholdNode) : ThresholdSpec.Default;
        var rules = new List<GateRule>();
        if (top.TryGetValue("rules", out YamlNode? rulesNode))
        {
            if (rulesNode is YamlSequenceNode seq)
            {
                foreach (YamlNode item in seq)
                {
                    if (Rule(item) is GateRule rule)
                    {
                        rules.Add(rule);
                    }
                }
            }
            else if (!IsNull(rulesNode))
            {
                _errors.Add(At(rulesNode), "'rules' must be a list of rules, e.g. - { metric: f1, average: macro, min: 0.85 }");
            }
        }

        BaselineSpec? baseline = top.TryGetValue("baseline", out YamlNode? baselineNode) ? Baseline(baselineNode) : null;
        if (rules.Count == 0 && baseline is not { MaxDrop.Count: > 0 })
        {
            _errors.Add(rulesNode is null ? At(root) : At(rulesNode), "the spec has no rules; add at least one, e.g. - { metric: f1, average: macro, min: 0.85 }");
        }

        var spec = new GateSpec(version, rules)
        {
            Task = task,
            Columns = columns,
            Labels = labels,
            Positive = positive,
            Critical = critical,
            ZeroDivision = zd,
            Threshold = threshold,
            Baseline = baseline,
            Undefined = undefined,
        };
        if (_ruleNodes.Count == rules.Count)
        {
            SpecChecks.Check(new LoadedSpec(spec, _errors.File, ".", _ruleNodes, _locations), task, labels, _errors);
        }

        return spec;
    }

    /// <summary>The keys of a mapping; unknown or repeated keys are errors (with the closest known key).</summary>
    private Dictionary<string, YamlNode> Keys(YamlNode node, string[] known, string what, string? prefix = null)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            _errors.Add(At(node), $"{what} must be a mapping of keys ({string.Join(", ", known)})");
            return result;
        }

        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(key))
            {
                _errors.Add(At(keyNode), $"unknown key '{key}' in {what}{SpecErrors.Suggest(key, known)}");
                continue;
            }

            if (!result.TryAdd(key, value))
            {
                _errors.Add(At(keyNode), $"'{key}' is given twice in {what}");
                continue;
            }

            if (prefix is not null)
            {
                _locations[(prefix.Length == 0 ? string.Empty : prefix + ".") + key] = At(value);
            }
        }

        return result;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && !IsNull(node))
        {
            return s.Value;
        }

        _errors.Add(At(node), IsNull(node) ? $"'{what}' has no value" : $"'{what}' must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
        return null;
    }

    private double? Number(YamlNode node, string what)
    {
        string? text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
        {
            return v;
        }

        _errors.Add(At(node), $"'{what}' must be a number, not '{text}'");
        return null;
    }

    private string? Choice(YamlNode node, string what, string[] valid)
    {
        string? text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        string lower = text.ToLowerInvariant();
        if (valid.Contains(lower))
        {
            return lower;
        }

        _errors.Add(At(node), $"{what} '{text}' is not one of {string.Join(", ", valid)}{Hint(text, valid)}");
        return null;
    }

    private static string Hint(string given, string[] valid) => SpecErrors.Closest(given, valid) is string c ? $"; did you mean '{c}'?" : string.Empty;

    private List<string>? Strings(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return Scalar(node, what) is string one ? [one] : null;
        }

        if (node is not YamlSequenceNode seq)
        {
            _errors.Add(At(node), $"'{what}' must be a list, e.g. [a, b, c]");
            return null;
        }

        var items = new List<string>();
        foreach (YamlNode item in seq)
        {
            if (Scalar(item, what) is string s)
            {
                items.Add(s);
            }
        }

        if (items.Count == 0)
        {
            _errors.Add(At(node), $"'{what}' is an empty list");
        }

        return items;
    }

    private TaskKind? Task(YamlNode node) => Choice(node, "task", Tasks) switch
    {
        "binary" => TaskKind.Binary,
        "multiclass" => TaskKind.Multiclass,
        "multilabel" => TaskKind.Multilabel,
        _ => null,
    };

    private ZeroDivision ZeroDivisionOf(YamlNode node) => (node as YamlScalarNode)?.Value switch
    {
        "0" => ZeroDivision.Zero,
        "1" => ZeroDivision.One,
        _ => Choice(node, "zero_division", ZeroDivisions) switch
        {
            "one" => ZeroDivision.One,
            "nan" => ZeroDivision.NaN,
            _ => ZeroDivision.Zero,
        },
    };

    private UndefinedPolicy? Policy(YamlNode node) => Choice(node, "undefined", Policies) switch
    {
        "fail" => UndefinedPolicy.Fail,
        "pass" => UndefinedPolicy.Pass,
        "ignore" => UndefinedPolicy.Ignore,
        _ => null,
    };

    private SpecColumns Columns(YamlNode node)
    {
        Dictionary<string, YamlNode> keys = Keys(node, ColumnKeys, "columns", "columns");
        IReadOnlyList<string> actual = keys.TryGetValue("actual", out YamlNode? a) ? Strings(a, "columns.actual") ?? [] : [];
        IReadOnlyList<string> predicted = keys.TryGetValue("predicted", out YamlNode? p) ? Strings(p, "columns.predicted") ?? [] : [];
        string? score = keys.TryGetValue("score", out YamlNode? s) ? Scalar(s, "columns.score") : null;
        string? weight = keys.TryGetValue("weight", out YamlNode? w) ? Scalar(w, "columns.weight") : null;
        List<ScoreColumn>? scores = null;
        if (keys.TryGetValue("scores", out YamlNode? sc))
        {
            scores = [];
            if (sc is YamlMappingNode map)
            {
                foreach ((YamlNode label, YamlNode column) in map.Children)
                {
                    if (Scalar(label, "columns.scores label") is string l && Scalar(column, $"columns.scores.{l}") is string c)
                    {
                        scores.Add(new ScoreColumn(l, c));
                    }
                }
            }
            else
            {
                scores.AddRange((Strings(sc, "columns.scores") ?? []).Select(c => new ScoreColumn(null, c)));
            }
        }

        return new SpecColumns(actual, predicted, score, scores, weight);
    }

    private ThresholdSpec Threshold(YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return Number(node, "threshold") is double t ? ThresholdSpec.Fixed(t) : ThresholdSpec.Default;
        }

        Dictionary<string, YamlNode> keys = Keys(node, ThresholdKeys, "threshold", "threshold");
        string[] modes = [.. ThresholdModes.Where(keys.ContainsKey)];
        if (modes.Length > 1)
        {
            _errors.Add(At(node), $"threshold gives {string.Join(" and ", modes)}; give one of value, per_class, optimize");
            return ThresholdSpec.Default;
        }

        if (keys.TryGetValue("subject_to", out YamlNode? subjectNode) && !keys.ContainsKey("optimize"))
        {
            _errors.Add(At(subjectNode), "subject_to constrains an objective; add optimize: (f1, fbeta:B, youden, cost:FP,FN, recall or precision)");
        }

        if (keys.TryGetValue("value", out YamlNode? valueNode))
        {
            return Number(valueNode, "threshold.value") is double t ? ThresholdSpec.Fixed(t) : ThresholdSpec.Default;
        }

        if (keys.TryGetValue("per_class", out YamlNode? perClassNode))
        {
            var perClass = new Dictionary<string, double>(StringComparer.Ordinal);
            if (perClassNode is YamlMappingNode map)
            {
                foreach ((YamlNode label, YamlNode value) in map.Children)
                {
                    if (Scalar(label, "threshold.per_class label") is string l && Number(value, $"threshold.per_class.{l}") is double t)
                    {
                        perClass[l] = t;
                        _locations["threshold.per_class." + l] = At(label);
                    }
                }
            }
            else
            {
                _errors.Add(At(perClassNode), "threshold.per_class must map each class to its threshold, e.g. { cat: 0.4, dog: 0.6 }");
            }

            return new ThresholdSpec(ThresholdMode.PerClass, PerClass: perClass);
        }

        if (keys.TryGetValue("optimize", out YamlNode? optimizeNode))
        {
            ThresholdObjective? objective = null;
            if (Scalar(optimizeNode, "threshold.optimize") is string text)
            {
                try
                {
                    objective = Commands.ThresholdsCommand.Objective(text);
                }
                catch (CliException)
                {
                    _errors.Add(At(optimizeNode), $"threshold.optimize '{text}' is not one of f1, fbeta:B (e.g. fbeta:2), youden, cost:FP,FN (e.g. cost:1,10), recall, precision");
                }
            }

            ThresholdConstraint? constraint = subjectNode is null ? null : Constraint(subjectNode);
            return objective is null ? ThresholdSpec.Default : ThresholdSpec.Optimize(objective, constraint);
        }

        _errors.Add(At(node), "threshold needs value:, per_class: or optimize: (or write a number, e.g. threshold: 0.5)");
        return ThresholdSpec.Default;
    }

    private ThresholdConstraint? Constraint(YamlNode node)
    {
        Dictionary<string, YamlNode> keys = Keys(node, ConstraintKeys, "threshold.subject_to", "threshold.subject_to");
        double? Min(string name)
        {
            if (!keys.TryGetValue(name, out YamlNode? n))
            {
                return null;
            }

            Dictionary<string, YamlNode> bound = Keys(n, MinKey, $"threshold.subject_to.{name}");
            if (!bound.TryGetValue("min", out YamlNode? minNode))
            {
                _errors.Add(At(n), $"threshold.subject_to.{name} needs min:, e.g. {{ min: 0.80 }} (constraints are floors on precision or recall)");
                return null;
            }

            double? v = Number(minNode, $"threshold.subject_to.{name}.min");
            if (v is double x && !(x >= 0 && x <= 1))
            {
                _errors.Add(At(minNode), $"threshold.subject_to.{name}.min {x.ToString(CultureInfo.InvariantCulture)} is outside {name}'s range [0, 1]");
                return null;
            }

            return v;
        }

        double? precision = Min("precision"), recall = Min("recall");
        return precision is null && recall is null ? null : new ThresholdConstraint(precision, recall);
    }

    private GateRule? Rule(YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            _errors.Add(At(node), "a rule must be a mapping, e.g. - { metric: recall, class: fraud, min: 0.70 }");
            return null;
        }

        Dictionary<string, YamlNode> keys = Keys(node, RuleKeys, "a rule");
        if (!keys.TryGetValue("metric", out YamlNode? metricNode))
        {
            _errors.Add(At(node), "the rule names no metric; add metric: (e.g. f1, recall, roc_auc, log_loss)");
            return null;
        }

        string? metric = Scalar(metricNode, "metric");
        if (metric is null)
        {
            return null;
        }

        if (MetricCatalog.Find(metric) is null)
        {
            string lower = metric.ToLowerInvariant();
            string hint = MetricCatalog.Find(lower) is not null ? $"; did you mean '{lower}'?"
                : Aliases.TryGetValue(lower, out string? alias) ? $"; did you mean '{alias}'?"
                : SpecErrors.Suggest(metric, MetricCatalog.Names);
            _errors.Add(At(metricNode), $"unknown metric '{metric}'{hint}");
            return null;
        }

        MetricAverage average = MetricAverage.None;
        if (keys.TryGetValue("average", out YamlNode? averageNode) && Scalar(averageNode, "average") is string avg)
        {
            if (MetricCatalog.FindAverage(avg) is MetricAverage a)
            {
                average = a;
            }
            else
            {
                _errors.Add(At(averageNode), $"unknown average '{avg}'{SpecErrors.Suggest(avg, MetricCatalog.AverageNameList)}");
            }
        }

        string? cls = null;
        bool each = false;
        if (keys.TryGetValue("class", out YamlNode? classNode) && Scalar(classNode, "class") is string c)
        {
            each = c == "each";
            cls = each ? null : c;
        }

        double? parameter = null;
        if (keys.TryGetValue("beta", out YamlNode? betaNode))
        {
            parameter = Number(betaNode, "beta");
            if (parameter is double b && b < 0)
            {
                _errors.Add(At(betaNode), "beta must be >= 0");
            }
        }

        if (keys.TryGetValue("k", out YamlNode? kNode))
        {
            parameter = Number(kNode, "k");
            if (parameter is double k && (k < 1 || k != Math.Floor(k)))
            {
                _errors.Add(At(kNode), "k must be a whole number >= 1");
            }
        }

        if (metric == "fbeta" && betaNode is null)
        {
            _errors.Add(At(metricNode), "fbeta needs beta: (e.g. beta: 2 weighs recall twice as much as precision; f1 is beta 1)");
        }
        else if (metric != "fbeta" && betaNode is not null)
        {
            _errors.Add(At(betaNode), $"beta applies to fbeta only, not {metric}");
        }

        if (metric == "top_k_accuracy" && kNode is null)
        {
            _errors.Add(At(metricNode), "top_k_accuracy needs k: (e.g. k: 3)");
        }
        else if (metric != "top_k_accuracy" && kNode is not null)
        {
            _errors.Add(At(kNode), $"k applies to top_k_accuracy only, not {metric}");
        }

        double? min = keys.TryGetValue("min", out YamlNode? minNode) ? Number(minNode, "min") : null;
        double? max = keys.TryGetValue("max", out YamlNode? maxNode) ? Number(maxNode, "max") : null;
        MetricDirection? direction = null;
        if (keys.TryGetValue("direction", out YamlNode? directionNode))
        {
            direction = Choice(directionNode, "direction", Directions) switch
            {
                "higher" => MetricDirection.HigherIsBetter,
                "lower" => MetricDirection.LowerIsBetter,
                _ => null,
            };
        }

        UndefinedPolicy? policy = keys.TryGetValue("undefined", out YamlNode? policyNode) ? Policy(policyNode) : null;
        _ruleNodes.Add(new RuleNodes(At(node), At(metricNode), averageNode is null ? null : At(averageNode), classNode is null ? null : At(classNode),
                                     minNode is null ? null : At(minNode), maxNode is null ? null : At(maxNode)));
        if (cls is not null && average != MetricAverage.None)
        {
            _errors.Add(At(classNode!), "the rule names both an average and a class; use one (a class rule reads that class alone)");
        }

        var reference = new MetricReference(metric, parameter, cls is null && !each ? average : MetricAverage.None, cls, each);
        return new GateRule(reference, min, max) { Direction = direction, Undefined = policy, Location = At(node) };
    }

    private BaselineSpec? Baseline(YamlNode node)
    {
        Dictionary<string, YamlNode> keys = Keys(node, BaselineKeys, "baseline", "baseline");
        string? report = keys.TryGetValue("report", out YamlNode? reportNode) ? Scalar(reportNode, "baseline.report") : null;
        var drops = new List<DropAllowance>();
        double? fallback = null;
        if (keys.TryGetValue("max_drop", out YamlNode? dropNode))
        {
            if (dropNode is YamlScalarNode)
            {
                fallback = Drop(dropNode, "baseline.max_drop");
            }
            else if (dropNode is YamlMappingNode map)
            {
                foreach ((YamlNode keyNode, YamlNode valueNode) in map.Children)
                {
                    string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                    double? d = Drop(valueNode, $"baseline.max_drop.{key}");
                    if (key is "*" or "default")
                    {
                        fallback = d;
                    }
                    else if (!MetricReference.TryParse(key, out MetricReference? reference, out string? error))
                    {
                        _errors.Add(At(keyNode), $"baseline.max_drop key {error}");
                    }
                    else if (MetricCatalog.Find(reference!.Metric) is null)
                    {
                        _errors.Add(At(keyNode), $"baseline.max_drop key '{key}': unknown metric '{reference.Metric}'{SpecErrors.Suggest(reference.Metric, MetricCatalog.Names)}");
                    }
                    else if (d is double drop)
                    {
                        drops.Add(new DropAllowance(reference, drop) { Location = At(keyNode) });
                    }
                }
            }
            else
            {
                _errors.Add(At(dropNode), "baseline.max_drop must be a number (for every rule) or a mapping of rule names to numbers, e.g. { \"f1@macro\": 0.01, \"*\": 0.02 }");
            }
        }

        return new BaselineSpec(report, drops, fallback);
    }

    private double? Drop(YamlNode node, string what)
    {
        double? d = Number(node, what);
        if (d is double x && x < 0)
        {
            _errors.Add(At(node), $"{what} must be >= 0 (the largest fall allowed)");
            return null;
        }

        return d;
    }
}
