using System.Globalization;
using System.Net;
using System.Text;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>Small HTML helpers: every text encoded, every number invariant.</summary>
internal static class Html
{
    public const string Style =
        "<style>.perfnb{font-family:system-ui,sans-serif;font-size:13px}.perfnb table{border-collapse:collapse;margin:4px 0}" +
        ".perfnb td,.perfnb th{border:1px solid #ccd;padding:2px 8px;text-align:left !important}.perfnb th{background:#eef}" +
        // !important: notebook front ends right-align every table cell with rules more specific than these.
        ".perfnb td.num,.perfnb .num{text-align:right !important;font-variant-numeric:tabular-nums;white-space:nowrap}.perfnb .warn{color:#a40}</style>";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A path as seen from the notebook's folder (the kernel's working folder): ../data/runs/X, not a machine's absolute path.</summary>
    public static string Path(string path) => System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);

    /// <summary>Microseconds for people, 3 significant digits: 850 µs, 12.3 ms, 1.20 s.</summary>
    public static string Us(double us) =>
        us < 1000 ? N(us, "0") + " µs" : us < 1_000_000 ? Reporting.Numbers.Ms(us / 1000) + " ms" : Reporting.Numbers.Significant(us / 1_000_000, 3) + " s";

    /// <summary>Requests per second: whole, thousands separated.</summary>
    public static string Rps(double rps) => Reporting.Numbers.Rps(rps);

    /// <summary>A percentage (already times 100) to one decimal.</summary>
    public static string Pct(double percent) => Reporting.Numbers.Percent(percent);

    public static string Bytes(long bytes) =>
        bytes < 1 << 20 ? N(bytes / 1024.0, "0.#") + " KiB" : N(bytes / (1024.0 * 1024), "0.#") + " MiB";

    /// <summary>A two-column table of label/value rows (values are already HTML).</summary>
    public static string KeyValues(IEnumerable<(string Label, string ValueHtml)> rows)
    {
        var html = new StringBuilder("<table>");
        foreach (var (label, value) in rows) html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(value).Append("</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>A table with a header row; cells are already HTML.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table><tr>");
        foreach (var h in headers) html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            // A cell that is a number (<span class="num">) is right-aligned as a whole.
            foreach (var cell in row) html.Append(cell.StartsWith(NumberSpan, StringComparison.Ordinal) ? "<td class=\"num\">" : "<td>").Append(cell).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private const string NumberSpan = "<span class=\"num\">";

    public static string Block(string title, string body) =>
        $"{Style}<div class=\"perfnb\"><b>{E(title)}</b>{body}</div>";
}
