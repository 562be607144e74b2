namespace PerfNotebooks.Hosts;

/// <summary>What one command on a host did: its exit code and everything it printed.</summary>
public sealed record RemoteCommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>The last non-empty line of stderr, or "" (ssh and our commands put the reason there).</summary>
    public string LastErrorLine => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
