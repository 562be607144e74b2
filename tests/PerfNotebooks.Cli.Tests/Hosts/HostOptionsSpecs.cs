namespace PerfNotebooks.Cli.Tests.Hosts;

/// <summary>Host options on the command line: mistakes and unreachable hosts are one line, before anything starts.</summary>
public sealed class HostOptionsSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly string _marker = "hostopts-" + Guid.NewGuid().ToString("N");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-hostopts-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact(Timeout = 120_000)]
    public async Task An_unreachable_server_host_is_one_line_before_anything_starts()
    {
        // Loopback port 1: nothing listens there, so ssh is refused at once.
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "compare", "--stacks", "flask-gunicorn", "--server-host", "ssh://nobody@127.0.0.1:1", "--out", _root);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("perfnb: connecting", StringComparison.Ordinal));
        Assert.StartsWith("perfnb: host ssh://nobody@127.0.0.1:1 is unreachable: ", line, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).Any(), "a run folder was made");
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("--server-host", "bench@lab", "perfnb: --server-host: 'bench@lab' is not a host address: it does not start with ssh://; use ssh://user@host or ssh://user@host:port.")]
    [InlineData("--load-hosts", "ssh://u@a,,ssh://u@b", "perfnb: --load-hosts: 'ssh://u@a,,ssh://u@b' is not a host address: the list has an empty entry (two commas, or one at an end); use ssh://user@host or ssh://user@host:port.")]
    [InlineData("--ssh-option", "IdentityFile", "perfnb: --ssh-option 'IdentityFile' is not Key=Value; use an ssh client option, e.g. IdentityFile=~/.ssh/lab_key.")]
    public async Task A_bad_host_option_on_compare_is_one_line_naming_it(string option, string value, string expected)
    {
        var args = new List<string> { "compare", "--stacks", "flask-gunicorn", "--out", _root, option, value };
        if (option == "--ssh-option") args.AddRange(["--load-hosts", "ssh://u@127.0.0.1:1"]);

        var (code, _, stderr) = await Perfnb.RunAsync(_marker, Generous, [.. args]);

        Assert.Equal(2, code);
        Assert.Equal(expected, stderr.Trim());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("soon", "perfnb: --start-at 'soon' is not a time; use milliseconds since 1970 (UTC)")]
    [InlineData("99999999999999", "is more than an hour from now")]
    public async Task A_bad_start_time_is_one_line_and_nothing_is_sent(string value, string expected)
    {
        var (code, _, stderr) = await Perfnb.RunAsync(_marker, Generous, "load", "http://127.0.0.1:1/plaintext", "-d", "1s", "--start-at", value);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
