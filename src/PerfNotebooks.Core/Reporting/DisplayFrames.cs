using System.Globalization;
using Microsoft.Data.Analysis;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Numbers as people read them in a table, chosen by column name (the names <see cref="ResultFrames"/> and
/// <see cref="LoadResultFrames"/> use): requests per second as whole numbers with thousands separators
/// (<c>rps</c>, <c>rps_*</c>), milliseconds to 3 significant digits (<c>*_ms</c>), percentages to one decimal
/// (<c>*_pct</c>), counts with separators, anything else to 3 significant digits. The numeric frames stay
/// as they are for computing; <see cref="ForDisplay"/> gives a copy of strings for showing, and CSV files
/// keep full precision.
/// </summary>
public static class DisplayFrames
{
    /// <summary>A copy of <paramref name="frame"/> whose columns are the formatted strings.</summary>
    public static DataFrame ForDisplay(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = frame.Columns.Select(c =>
        {
            var values = new string?[c.Length];
            for (long i = 0; i < c.Length; i++) values[i] = Cell(c.Name, c[i]);
            return (DataFrameColumn)new StringDataFrameColumn(c.Name, values);
        });
        return new DataFrame(columns);
    }

    /// <summary>One value of column <paramref name="column"/>, formatted for reading.</summary>
    public static string Cell(string column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        return value switch
        {
            null => "",
            string s => s,
            int or long or short or uint or ulong or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture),
            double or float or decimal => Number(column, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            bool b => b ? "yes" : "no",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A double of column <paramref name="column"/>, formatted by the column's kind.</summary>
    public static string Number(string column, double value) => KindOf(column) switch
    {
        ColumnKind.Rate => Numbers.Rps(value),
        ColumnKind.Milliseconds => Numbers.Ms(value),
        ColumnKind.Percent => Numbers.Percent(value),
        ColumnKind.Percentile => value.ToString("0.###", CultureInfo.InvariantCulture),
        // A whole number (a load level, a worker count) is shown as one: 32, not 32.0.
        _ => double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("#,0", CultureInfo.InvariantCulture) : Numbers.Significant(value, 3),
    };

    /// <summary>
    /// The frame as an aligned text table for a console: at most <paramref name="maxRows"/> rows, numbers
    /// right-aligned and formatted as <see cref="Cell"/> does.
    /// </summary>
    public static string ToText(DataFrame frame, int maxRows = 40)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rows = (int)Math.Min(frame.Rows.Count, maxRows);
        var columns = frame.Columns.ToList();
        var cells = columns.Select(c => Enumerable.Range(0, rows).Select(r => Cell(c.Name, c[r])).ToArray()).ToArray();
        var numeric = columns.Select(c => c.DataType != typeof(string) && c.DataType != typeof(bool)).ToArray();
        var widths = columns.Select((c, i) => Math.Max(c.Name.Length, cells[i].DefaultIfEmpty("").Max(v => v.Length))).ToArray();
        var text = new System.Text.StringBuilder();
        string Pad(string v, int i) => numeric[i] ? v.PadLeft(widths[i]) : v.PadRight(widths[i]);
        text.AppendLine(string.Join("  ", columns.Select((c, i) => Pad(c.Name, i))).TrimEnd());
        for (var r = 0; r < rows; r++) text.AppendLine(string.Join("  ", columns.Select((_, i) => Pad(cells[i][r], i))).TrimEnd());
        if (frame.Rows.Count > rows) text.AppendLine($"... {(frame.Rows.Count - rows).ToString("#,0", CultureInfo.InvariantCulture)} more rows");
        return text.ToString();
    }

    private enum ColumnKind { Rate, Milliseconds, Percent, Percentile, Other }

    private static ColumnKind KindOf(string column)
    {
        var c = column.ToLowerInvariant();
        if (c == "percentile") return ColumnKind.Percentile;
        if (c.EndsWith("_ms", StringComparison.Ordinal) || c == "ms") return ColumnKind.Milliseconds;
        if (c.EndsWith("_pct", StringComparison.Ordinal) || c.EndsWith("percent", StringComparison.Ordinal) || c == "pct") return ColumnKind.Percent;
        // Requests per second, also per core; per MB is a small ratio better read with its digits.
        if ((c == "rps" || c.StartsWith("rps_", StringComparison.Ordinal) || c.EndsWith("_rps", StringComparison.Ordinal)) && !c.EndsWith("_per_mb", StringComparison.Ordinal)) return ColumnKind.Rate;
        return ColumnKind.Other;
    }
}
