#!/usr/bin/python3
"""Side-by-side timings: scikit-learn (Debian's python3-sklearn) and Verdict on the same generated data.

Usage (from the repository root):
    /usr/bin/python3 bench/compare.py [--n 10000000] [--big-n 100000000] [--repeat 5] [--sk-repeat 3]
                                      [--dir /tmp/verdict-bench] [--cases a,b] [--e2e] [--no-sklearn]

Generates seeded arrays once (cached in --dir, never committed); for each case runs the Verdict timing
runner (`bench/Verdict.Bench compare`, median of --repeat runs after a warm-up) and then scikit-learn
(median of --sk-repeat runs) on the same files, checks that both give the same value, and prints a
Markdown table of times and ratios. --e2e adds the end-to-end CLI rows: a 10-million-row CSV read and
reported by `verdict report` against pandas + scikit-learn, CSV parse speed, and a 100-million-row
label-only file (memory from /usr/bin/time -v). Large files go to --dir and are deleted afterwards.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_packages():
    """Imports numpy, pandas and scikit-learn, installing Debian's packages with apt-get when missing."""
    try:
        import numpy, pandas, sklearn  # noqa: F401
        return
    except ImportError:
        pass
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("installing python3-sklearn and python3-pandas with apt-get", file=sys.stderr)
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-sklearn", "python3-pandas"], check=True)
    os.execv(sys.executable, [sys.executable] + sys.argv)


ensure_packages()
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn import metrics  # noqa: E402


# ---------------------------------------------------------------- data
def generate(d, n, big_n):
    """Writes the arrays once; a stamp file records the sizes so a rerun with other sizes regenerates."""
    os.makedirs(d, exist_ok=True)
    stamp = os.path.join(d, "stamp.json")
    want = {"n": n, "big_n": big_n, "version": 1}
    if os.path.exists(stamp) and json.load(open(stamp)) == want:
        return
    rng = np.random.default_rng(20240601)
    # K = 10 labels, predictions right 70 % of the time.
    y = rng.integers(0, 10, n, dtype=np.int32)
    pred = np.where(rng.random(n) < 0.7, y, rng.integers(0, 10, n, dtype=np.int32)).astype(np.int32)
    y.tofile(os.path.join(d, "k10_y.i32"))
    pred.tofile(os.path.join(d, "k10_pred.i32"))
    # Probabilities: softmax of normal logits, the true class boosted by 1.5.
    logits = rng.standard_normal((n, 10))
    logits[np.arange(n), y] += 1.5
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    logits.tofile(os.path.join(d, "mc_p.f64"))
    del logits
    # K = 1000.
    y1000 = rng.integers(0, 1000, n, dtype=np.int32)
    p1000 = np.where(rng.random(n) < 0.7, y1000, rng.integers(0, 1000, n, dtype=np.int32)).astype(np.int32)
    y1000.tofile(os.path.join(d, "k1000_y.i32"))
    p1000.tofile(os.path.join(d, "k1000_pred.i32"))
    # Binary: 10 % positives, logistic scores of a shifted normal (almost all distinct).
    yb = (rng.random(n) < 0.1).astype(np.uint8)
    s = 1.0 / (1.0 + np.exp(-(rng.standard_normal(n) + 1.5 * yb - 1.0)))
    yb.tofile(os.path.join(d, "bin_y.u8"))
    s.tofile(os.path.join(d, "bin_s.f64"))
    if big_n:
        yy = rng.integers(0, 10, big_n, dtype=np.int32)
        yy.tofile(os.path.join(d, "big_y.i32"))
        np.where(rng.random(big_n) < 0.7, yy, rng.integers(0, 10, big_n, dtype=np.int32)).astype(np.int32).tofile(
            os.path.join(d, "big_pred.i32"))
        del yy
    json.dump(want, open(stamp, "w"))


def load(d, name, dtype, shape=None):
    a = np.fromfile(os.path.join(d, name), dtype=dtype)
    return a.reshape(shape) if shape else a


# ---------------------------------------------------------------- scikit-learn cases
def sk_cases(d, big_n):
    """name -> (description, function returning the value Verdict also prints)."""
    cases = {}

    def report_k10():
        y, pred = load(d, "k10_y.i32", np.int32), load(d, "k10_pred.i32", np.int32)
        return lambda: (metrics.confusion_matrix(y, pred),
                        metrics.classification_report(y, pred, output_dict=True, zero_division=0)["weighted avg"]["f1-score"])[1]

    def cm_k1000():
        y, pred = load(d, "k1000_y.i32", np.int32), load(d, "k1000_pred.i32", np.int32)
        return lambda: float(np.trace(metrics.confusion_matrix(y, pred)))

    def binary_curves():
        y, s = load(d, "bin_y.u8", np.uint8), load(d, "bin_s.f64", np.float64)

        def run():
            auc = metrics.roc_auc_score(y, s)
            ap = metrics.average_precision_score(y, s)
            metrics.roc_curve(y, s)
            metrics.precision_recall_curve(y, s)
            return auc + ap
        return run

    def multiclass(fn):
        def make():
            y = load(d, "k10_y.i32", np.int32)
            p = load(d, "mc_p.f64", np.float64, (-1, 10))
            return lambda: fn(y, p)
        return make

    def counts_1e8():
        y, pred = load(d, "big_y.i32", np.int32), load(d, "big_pred.i32", np.int32)

        def run():
            metrics.confusion_matrix(y, pred)
            f1 = metrics.classification_report(y, pred, output_dict=True, zero_division=0)["weighted avg"]["f1-score"]
            return (f1 + metrics.accuracy_score(y, pred) + metrics.balanced_accuracy_score(y, pred)
                    + metrics.matthews_corrcoef(y, pred) + metrics.cohen_kappa_score(y, pred))
        return run

    cases["report_k10"] = ("confusion matrix + full classification report, K=10", report_k10)
    cases["cm_k1000"] = ("confusion matrix K=1000", cm_k1000)
    cases["binary_curves"] = ("binary ROC AUC + AP + ROC curve + PR curve", binary_curves)
    cases["ovr_k10"] = ("one-vs-rest ROC AUC (macro), K=10",
                        multiclass(lambda y, p: metrics.roc_auc_score(y, p, multi_class="ovr")))
    cases["ovo_k10"] = ("one-vs-one ROC AUC (macro), K=10",
                        multiclass(lambda y, p: metrics.roc_auc_score(y, p, multi_class="ovo")))
    cases["logloss_k10"] = ("log loss, K=10", multiclass(lambda y, p: metrics.log_loss(y, p)))
    cases["top3_k10"] = ("top-3 accuracy, K=10",
                         multiclass(lambda y, p: metrics.top_k_accuracy_score(y, p, k=3, labels=np.arange(10))))
    if big_n:
        cases["counts_1e8"] = ("count metrics (matrix, report, accuracy, balanced accuracy, MCC, kappa), 1e8 labels",
                               counts_1e8)
    return cases


def time_sklearn(make, repeat):
    run = make()
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = run()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), float(value)


# ---------------------------------------------------------------- Verdict runner
def bench_dll():
    dll = os.path.join(ROOT, "bench", "Verdict.Bench", "bin", "Release", "net10.0", "Verdict.Bench.dll")
    return dll


def build():
    subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q",
                    os.path.join(ROOT, "bench", "Verdict.Bench", "Verdict.Bench.csproj")],
                   check=True, stdout=subprocess.DEVNULL)


def run_verdict(d, repeat, names):
    out = subprocess.run(["dotnet", bench_dll(), "compare", d, str(repeat)] + names,
                         check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        parts = line.split("\t")
        result[parts[0]] = {"median": float(parts[1]), "min": float(parts[2]),
                            "allocated": int(parts[3]), "value": float(parts[4])}
    return result


def fmt_ms(ms):
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


# ---------------------------------------------------------------- end to end
def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, max RSS MB, stdout)."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {p.stderr[-2000:]}")
    rss = 0
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
    return wall, rss, p.stdout


PANDAS_SCORE = r"""
import sys, numpy as np, pandas as pd
from sklearn import metrics
df = pd.read_csv(sys.argv[1], usecols=["label", "p_fraud"])
y = df["label"].to_numpy(); s = df["p_fraud"].to_numpy()
pred = np.where(s >= 0.5, "fraud", "legit")
print(metrics.classification_report(y, pred, digits=4))
pos = y == "fraud"
print(metrics.roc_auc_score(pos, s), metrics.average_precision_score(pos, s),
      metrics.log_loss(pos, s), metrics.brier_score_loss(pos, s))
"""

PANDAS_LABELS = r"""
import sys, pandas as pd
from sklearn import metrics
df = pd.read_csv(sys.argv[1])
print(metrics.classification_report(df["y_true"], df["y_pred"], digits=4))
"""

PANDAS_PARSE = r"""
import sys, time, os, pandas as pd
t = time.perf_counter(); df = pd.read_csv(sys.argv[1], usecols=["label", "p_fraud"]); dt = time.perf_counter() - t
print(dt, os.path.getsize(sys.argv[1]) / 1e6 / dt)
"""


def e2e(d, n, big_n, repeat, sk_repeat, skip_sklearn):
    rows = []
    cli = os.path.join(ROOT, "src", "Verdict.Cli", "bin", "Release", "net10.0", "Verdict.Cli.dll")
    subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q",
                    os.path.join(ROOT, "src", "Verdict.Cli", "Verdict.Cli.csproj")], check=True, stdout=subprocess.DEVNULL)
    csv = os.path.join(d, "fraud10m.csv")
    rng = np.random.default_rng(7)
    y = rng.random(n) < 0.1
    s = 1.0 / (1.0 + np.exp(-(rng.standard_normal(n) + 1.5 * y - 1.0)))
    with open(csv, "w") as f:
        f.write("transaction_id,label,p_fraud\n")
        chunk = 1_000_000
        for i in range(0, n, chunk):
            ids = np.arange(i + 1, min(i + chunk, n) + 1)
            lab = np.where(y[i:i + chunk], "fraud", "legit")
            f.write("\n".join(f"{a},{b},{c!r}" for a, b, c in zip(ids.tolist(), lab.tolist(), s[i:i + chunk].tolist())))
            f.write("\n")
    size_mb = os.path.getsize(csv) / 1e6

    # Parse speed (in-process, the CLI's reader).
    out = subprocess.run(["dotnet", bench_dll(), "parse", csv, str(repeat)], check=True, capture_output=True, text=True).stdout
    parts = out.strip().split("\t")
    v_parse = float(parts[1])
    p_parse = None
    if not skip_sklearn:
        ts = [float(subprocess.run([sys.executable, "-c", PANDAS_PARSE, csv], check=True, capture_output=True,
                                   text=True).stdout.split()[0]) for _ in range(sk_repeat)]
        p_parse = statistics.median(ts) * 1000
    rows.append((f"parse CSV ({size_mb:.0f} MB, {n:,} rows, label + score columns), MB/s",
                 f"{size_mb / (p_parse / 1000):.0f} MB/s" if p_parse else "-", f"{size_mb / (v_parse / 1000):.0f} MB/s",
                 f"{p_parse / v_parse:.1f}×" if p_parse else "-", "≥ 250 MB/s"))

    # verdict report with a score column, end to end.
    vt = [timed(["dotnet", cli, "report", csv, "--actual", "label", "--score", "p_fraud", "--positive", "fraud"])
          for _ in range(repeat)]
    v_wall = statistics.median(t[0] for t in vt)
    v_rss = max(t[1] for t in vt)
    if not skip_sklearn:
        pt = [timed([sys.executable, "-c", PANDAS_SCORE, csv]) for _ in range(sk_repeat)]
        p_wall = statistics.median(t[0] for t in pt)
        p_rss = max(t[1] for t in pt)
        rows.append((f"`verdict report --score` on the {n:,}-row CSV, end to end (max RSS)",
                     f"{p_wall:.2f} s ({p_rss:.0f} MB)", f"{v_wall:.2f} s ({v_rss:.0f} MB)", f"{p_wall / v_wall:.1f}×", "≤ 3 s"))
    else:
        rows.append((f"`verdict report --score` on the {n:,}-row CSV, end to end (max RSS)", "-",
                     f"{v_wall:.2f} s ({v_rss:.0f} MB)", "-", "≤ 3 s"))
    os.remove(csv)

    if big_n:
        big = os.path.join(d, "labels100m.csv")
        yy = np.fromfile(os.path.join(d, "big_y.i32"), dtype=np.int32)
        pp = np.fromfile(os.path.join(d, "big_pred.i32"), dtype=np.int32)
        digits = np.array(list("0123456789"))
        with open(big, "w") as f:
            f.write("y_true,y_pred\n")
            chunk = 5_000_000
            for i in range(0, big_n, chunk):
                a = digits[yy[i:i + chunk]].astype(object)
                b = digits[pp[i:i + chunk]].astype(object)
                f.write("".join((a + "," + b + "\n").tolist()))
        del yy, pp
        size_mb = os.path.getsize(big) / 1e6
        vt = [timed(["dotnet", cli, "report", big]) for _ in range(max(1, min(repeat, 3)))]
        v_wall = statistics.median(t[0] for t in vt)
        v_rss = max(t[1] for t in vt)
        if not skip_sklearn:
            p_wall, p_rss, _ = timed([sys.executable, "-c", PANDAS_LABELS, big])
            rows.append((f"`verdict report` on a {big_n:,}-row label-only CSV ({size_mb:.0f} MB), wall (max RSS)",
                         f"{p_wall:.1f} s ({p_rss:.0f} MB)", f"{v_wall:.2f} s ({v_rss:.0f} MB)", f"{p_wall / v_wall:.1f}×",
                         "< 300 MB"))
        else:
            rows.append((f"`verdict report` on a {big_n:,}-row label-only CSV ({size_mb:.0f} MB), wall (max RSS)", "-",
                         f"{v_wall:.2f} s ({v_rss:.0f} MB)", "-", "< 300 MB"))
        os.remove(big)
    return rows


TARGETS = {"report_k10": "≤ 40 ms", "cm_k1000": "≤ 60 ms", "binary_curves": "≤ 450 ms", "ovr_k10": "≤ 2.5 s",
           "ovo_k10": "-", "logloss_k10": "≤ 150 ms", "top3_k10": "≤ 60 ms", "counts_1e8": "≤ 0.5 s"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--big-n", type=int, default=100_000_000, help="rows of the count-metrics case (0 skips it)")
    ap.add_argument("--repeat", type=int, default=5, help="Verdict runs per case (median)")
    ap.add_argument("--sk-repeat", type=int, default=3, help="scikit-learn runs per case (median)")
    ap.add_argument("--big-sk-repeat", type=int, default=1, help="scikit-learn runs of the 1e8 case")
    ap.add_argument("--dir", default="/tmp/verdict-bench")
    ap.add_argument("--cases", default="", help="comma-separated subset of case names")
    ap.add_argument("--e2e", action="store_true", help="also the end-to-end CLI rows")
    ap.add_argument("--no-sklearn", action="store_true", help="time Verdict only")
    args = ap.parse_args()

    load_before = os.getloadavg()[0]
    print(f"load before: {os.getloadavg()}, cores: {os.cpu_count()}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
          file=sys.stderr)
    generate(args.dir, args.n, args.big_n)
    build()
    cases = sk_cases(args.dir, args.big_n)
    names = [c for c in cases if not args.cases or c in args.cases.split(",")]
    rows = []
    for name in names:
        # Each case runs in Verdict and then in scikit-learn, so both meet about the same machine load.
        desc, make = cases[name]
        v = run_verdict(args.dir, args.repeat, [name])[name]
        if args.no_sklearn:
            rows.append((name, desc, None, v, None))
            continue
        repeat = args.big_sk_repeat if name == "counts_1e8" else args.sk_repeat
        sk_ms, sk_value = time_sklearn(make, repeat)
        rows.append((name, desc, sk_ms, v, sk_value))
        print(f"{name}: sklearn {fmt_ms(sk_ms)}, verdict {fmt_ms(v['median'])}", file=sys.stderr)

    print(f"\nscikit-learn {sklearn.__version__} vs Verdict, N = {args.n:,} (1e8 case: {args.big_n:,}); "
          f"median of {args.sk_repeat} / {args.repeat} runs; {os.cpu_count()} cores; 1-minute load average "
          f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after\n")
    print("| case | scikit-learn | Verdict | ratio | target | Verdict allocated | same value |")
    print("|---|---:|---:|---:|---|---:|---|")
    for name, desc, sk_ms, v, sk_value in rows:
        alloc = f"{v['allocated'] / 1e6:.1f} MB"
        if sk_ms is None:
            print(f"| {desc} | - | {fmt_ms(v['median'])} | - | {TARGETS[name]} | {alloc} | - |")
            continue
        same = abs(sk_value - v["value"]) <= 1e-9 * max(1.0, abs(sk_value))
        print(f"| {desc} | {fmt_ms(sk_ms)} | {fmt_ms(v['median'])} | {sk_ms / v['median']:.0f}× | {TARGETS[name]} | "
              f"{alloc} | {'yes' if same else 'NO: ' + repr(sk_value) + ' vs ' + repr(v['value'])} |")
    if args.e2e:
        print(f"\nload average before the end-to-end rows: {os.getloadavg()[0]:.2f}")
        print("\n| end to end | pandas + scikit-learn | Verdict | ratio | target |")
        print("|---|---:|---:|---:|---|")
        for row in e2e(args.dir, args.n, args.big_n, args.repeat, args.sk_repeat, args.no_sklearn):
            print("| " + " | ".join(row) + " |")
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
