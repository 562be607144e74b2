namespace PerfNotebooks.Servers;

/// <summary>Finds programs the way execvp would: a path as given, a bare name on PATH.</summary>
internal static class Executables
{
    public static string? Resolve(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
