using System.Net;
using System.Text;

namespace PerfNotebooks.Reporting;

/// <summary>The report's "Traffic spikes" section: the rows of <see cref="SpikesTable"/> (its two charts are among the run's charts).</summary>
internal static class SpikesSection
{
    public const string Anchor = "spikes";

    public static void Append(StringBuilder sb, IReadOnlyList<SpikeRow> rows)
    {
        if (rows.Count == 0) return;
        sb.Append("<section id=\"").Append(Anchor).Append("\">\n<h2>Traffic spikes</h2>\n<p>Each stack follows the same rate profile (<code>").Append(E(rows[0].Profile))
          .Append("</code>) at a fixed schedule of intended send times, so a server that falls behind cannot slow the load down: latency is measured from the intended time. ")
          .Append("<i>Recovery</i>: from the end of the spike until the p99 is back within 2x its level before the spike (and stays there the next second). ")
          .Append("<i>Served</i> and <i>failed</i>: of the requests asked for from the spike's start to the end of the run.</p>\n");
        sb.Append("<table class=\"spikes\">\n<thead><tr><th>stack</th><th>endpoint</th><th>p99 before, ms</th><th>worst p99, ms</th><th>recovery</th><th>served</th><th>failed</th><th>repetitions</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr><td>").Append(E(r.Stack)).Append("</td><td>").Append(E(r.Endpoint)).Append("</td><td class=\"num\">").Append(E(Numbers.Ms(r.BaselineP99Ms)))
              .Append("</td><td class=\"num\">").Append(E(Numbers.Ms(r.WorstP99Ms))).Append("</td><td>").Append(E(r.RecoveryText))
              .Append("</td><td class=\"num\">").Append(E(Numbers.Share(r.ServedShare))).Append("</td><td class=\"num\">").Append(E(Numbers.Share(r.ErrorShare)))
              .Append("</td><td class=\"num\">").Append(r.Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n<p>Second by second: the charts <a href=\"#chart-spike-served\">offered and served</a> and <a href=\"#chart-spike-p99\">p99</a>.</p>\n");
        sb.Append("</section>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
