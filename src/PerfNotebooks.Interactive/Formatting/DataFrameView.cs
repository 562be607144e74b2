using System.Text;
using Microsoft.Data.Analysis;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>
/// A DataFrame as an HTML table with numbers people read (Core's <see cref="DisplayFrames"/>: req/s whole with
/// separators, ms to 3 significant digits, percentages to one decimal). Registered for every DataFrame the
/// notebook shows; the frame itself keeps its full-precision numbers for computing.
/// </summary>
internal static class DataFrameView
{
    /// <summary>Rows shown; the rest are counted (the frame has them all).</summary>
    public const int MaxRows = 40;

    public static string Render(DataFrame frame)
    {
        var rows = frame.Rows.Count;
        var shown = Math.Min(rows, MaxRows);
        var html = new StringBuilder(Html.Style).Append("<div class=\"perfnb\"><table><tr>");
        foreach (var c in frame.Columns) html.Append("<th>").Append(Html.E(c.Name)).Append("</th>");
        html.Append("</tr>");
        for (long r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            foreach (var c in frame.Columns)
            {
                var value = c[r];
                var numeric = value is not (null or string or bool);
                html.Append(numeric ? "<td class=\"num\">" : "<td>").Append(Html.E(DisplayFrames.Cell(c.Name, value))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
        html.Append(Html.E(rows > shown
            ? $"{Html.N(shown)} of {Html.N(rows)} rows shown; the DataFrame holds all of them with full precision (.Head(n), .Filter(...), DataFrame.SaveCsv)."
            : $"{Html.N(rows)} row(s)."));
        return html.Append("</div>").ToString();
    }
}
