namespace PerfNotebooks.Servers;

/// <summary>
/// The last lines a server wrote, stdout and stderr interleaved, in a bounded ring: a chatty server
/// cannot grow the owner's memory, and an error message can still quote what the server said last.
/// </summary>
internal sealed class OutputTail(int capacity = 500)
{
    private readonly string[] _lines = new string[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Add(string line)
    {
        // A line can be huge (a traceback of a long repr): keep the start, which says what happened.
        if (line.Length > 2000) line = string.Concat(line.AsSpan(0, 2000), " ...");
        lock (_lock)
        {
            _lines[_next] = line;
            _next = (_next + 1) % _lines.Length;
            if (_count < _lines.Length) _count++;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int lines)
    {
        lock (_lock)
        {
            var n = Math.Clamp(lines, 0, _count);
            var result = new string[n];
            for (var i = 0; i < n; i++)
                result[i] = _lines[(_next - n + i + _lines.Length) % _lines.Length];
            return result;
        }
    }

    public string Text(int lines) => string.Join('\n', Last(lines));
}
