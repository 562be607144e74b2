#:project ../../src/PerfNotebooks.Core/PerfNotebooks.Core.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// The statistics of the verdicts on real runs with a known truth (scripts/bench/calibration.sh runs this):
//   reps PRESET                   the repetitions of a preset (seed, quick)
//   choose RUN N1 RATIO           from a pilot run of /cpu?n=0 and /cpu?n=N1, the n whose req/s is RATIO
//                                 times lower than n=N1's (per-request overhead and work fitted as o + k n)
//   judge RUN A B GROUP LABEL     splits the repetitions of endpoints A and B into consecutive groups of
//                                 GROUP (each group is one comparison, as a run with GROUP repetitions would
//                                 make it), judges each with the verdicts' machinery (RatioStatistics, ±5%),
//                                 and prints one table row: pairs, leads by A, leads by B, equal, cannot
//                                 tell, and the ratio over all repetitions (the truth, as far as it is known).
using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

var inv = CultureInfo.InvariantCulture;
if (args is ["reps", var preset])
{
    Console.WriteLine((preset == "seed" ? PlanPresets.Seed() : PlanPresets.Quick()).Repetitions.ToString(inv));
    return 0;
}
var run = RunAnalysis.Of(RunStore.Load(args[1]));
ConditionStats At(string endpoint) => run.Conditions.Single(c => c.Endpoint == endpoint);

switch (args[0])
{
    case "choose":
    {
        var n1 = int.Parse(args[2], inv);
        var ratio = double.Parse(args[3], inv);
        var r0 = At("/cpu?n=0").RpsSample.GeometricMean;
        var r1 = At($"/cpu?n={n1}").RpsSample.GeometricMean;
        var k = (1 / r1 - 1 / r0) / n1;
        var n = (ratio / r1 - 1 / r0) / k;
        Console.WriteLine(Math.Max(n1 + 1, (int)Math.Round(n)).ToString(inv));
        break;
    }
    case "judge":
    {
        var (a, b) = (At(args[2]), At(args[3]));
        var group = int.Parse(args[4], inv);
        var label = args[5];
        int pairs = 0, leadA = 0, leadB = 0, equal = 0, cannot = 0;
        var reps = Math.Min(a.Cells.Count, b.Cells.Count) / group;
        for (var p = 0; p < reps; p++)
        {
            var sa = Slice(a, p * group, group);
            var sb = Slice(b, p * group, group);
            var judged = RatioStatistics.Judge(RatioStatistics.Compare(sa, sb)!, EquivalenceBand.Default);
            pairs++;
            switch (judged.Outcome)
            {
                case VerdictOutcome.Lead when judged.Interval.Ratio > 1: leadA++; break;
                case VerdictOutcome.Lead: leadB++; break;
                case VerdictOutcome.Equal: equal++; break;
                default: cannot++; break;
            }
        }
        var all = RatioStatistics.Compare(a.RpsSample, b.RpsSample)!;
        string Pct(int x) => pairs == 0 ? "n/a" : (100.0 * x / pairs).ToString("0", inv) + "%";
        Console.WriteLine($"| {label} | {group} | {pairs} | {Pct(leadA)} | {Pct(leadB)} | {Pct(equal)} | {Pct(cannot)} | {Numbers.RatioWithInterval(all.Ratio, all.Low, all.High)} ({a.Rps.Length} vs {b.Rps.Length} reps) | {Numbers.Share(a.RpsCv)} / {Numbers.Share(b.RpsCv)} |");
        break;
    }
    default:
        Console.Error.WriteLine("calibration.cs: use reps PRESET, choose RUN N1 RATIO, or judge RUN A B GROUP LABEL");
        return 2;
}
return 0;

// Repetitions [from, from + count) of a condition, with their per-second windows, as their own sample.
static RepetitionSample Slice(ConditionStats c, int from, int count)
    => RepetitionSample.Of(c.Rps.Skip(from).Take(count).ToArray(), c.RpsWindows.Skip(from).Take(count).ToArray());
