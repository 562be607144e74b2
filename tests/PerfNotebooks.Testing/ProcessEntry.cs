using System.Globalization;

namespace PerfNotebooks.Testing;

/// <summary>
/// One process as /proc/PID/stat shows it: state, parent, process group and session. Its environment and command
/// line are read when asked (they can vanish or be unreadable by then: empty).
/// </summary>
public sealed record ProcessEntry(int Pid, char State, int ParentPid, int Group, int Session)
{
    /// <summary>A zombie (Z) or dead (X) process: exited, only its entry is left.</summary>
    public bool IsDead => State is 'Z' or 'X';

    /// <summary>NAME=VALUE entries of its environment.</summary>
    public IReadOnlyList<string> Environment() => ReadNulSeparated("environ");

    /// <summary>Its arguments, the program first.</summary>
    public IReadOnlyList<string> Arguments() => ReadNulSeparated("cmdline");

    /// <summary>True when its environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public bool Has(string variable, string value) => Environment().Contains(variable + "=" + value);

    /// <summary>Reads /proc/<paramref name="pid"/>/stat; null when the process is gone.</summary>
    public static ProcessEntry? Read(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // pid (comm) state ppid pgrp session ...: comm may hold spaces and parentheses, so split after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessEntry(pid, fields[0][0], Int(fields[1]), Int(fields[2]), Int(fields[3]));
    }

    private string[] ReadNulSeparated(string file)
    {
        try { return File.ReadAllText($"/proc/{Pid}/{file}").Split('\0', StringSplitOptions.RemoveEmptyEntries); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
