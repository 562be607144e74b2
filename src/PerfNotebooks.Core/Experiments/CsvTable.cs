using System.Globalization;

namespace PerfNotebooks.Experiments;

/// <summary>A parsed CSV file read by column name, with errors that name the file, row and column.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows;
    private readonly string _file;

    private CsvTable(string file, Dictionary<string, int> columns, List<string[]> rows)
    {
        _file = file;
        _columns = columns;
        _rows = rows;
    }

    public int Count => _rows.Count;

    public static CsvTable Read(string path, IReadOnlyList<string> requiredColumns)
    {
        var rows = Csv.Parse(File.ReadAllText(path));
        var name = Path.GetFileName(path);
        if (rows.Count == 0) throw new FormatException($"{name} has no header");
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows[0].Length; i++) columns[rows[0][i]] = i;
        foreach (var c in requiredColumns)
            if (!columns.ContainsKey(c)) throw new FormatException($"{name} lacks the column '{c}'");
        rows.RemoveAt(0);
        for (var r = 0; r < rows.Count; r++)
            if (rows[r].Length != columns.Count) throw new FormatException($"{name} row {r + 2} has {rows[r].Length} fields, the header {columns.Count}");
        return new CsvTable(name, columns, rows);
    }

    public string Text(int row, string column) => _rows[row][_columns[column]];

    /// <summary>Whether the file has <paramref name="column"/> (files written before it was added do not).</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    public long Long(int row, string column)
        => long.TryParse(Text(row, column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(row, column);

    public int Int(int row, string column)
        => int.TryParse(Text(row, column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(row, column);

    public double Double(int row, string column)
        => double.TryParse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(row, column);

    public double? NullableDouble(int row, string column) => Text(row, column).Length == 0 ? null : Double(row, column);

    public bool Bool(int row, string column) => Text(row, column) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Bad(row, column),
    };

    private FormatException Bad(int row, string column) => new($"{_file} row {row + 2}, column '{column}': '{Text(row, column)}' does not parse");
}
