namespace PerfNotebooks.Cli.Tests.BadInput;

/// <summary>A command line that does not parse: one line on stderr with a "did you mean" where there is one, exit 2, no help text.</summary>
public sealed class ParseErrorSpecs
{
    public static TheoryData<string[], string> CommandLines => new()
    {
        { ["compare", "--stakcs", "flask-gunicorn"], "perfnb: unknown option '--stakcs' for perfnb compare. Did you mean '--stacks'? `perfnb compare --help` lists its options." },
        { ["compare", "--dration", "1s"], "perfnb: unknown option '--dration' for perfnb compare. Did you mean '--duration'?" },
        { ["load", "http://127.0.0.1:1/", "--conections", "4"], "perfnb: unknown option '--conections' for perfnb load. Did you mean '--connections'?" },
        { ["runs", "--bogus"], "perfnb: unknown option '--bogus' for perfnb runs. `perfnb runs --help` lists its options." },
        { ["lod", "http://127.0.0.1:1/"], "perfnb: unknown command 'lod'. Did you mean 'load'? Commands: servers, serve, load, compare, report, runs." },
        { [], "perfnb: no command given. Commands: servers, serve, load, compare, report, runs; `perfnb --help` describes them." },
        { ["serve", "tornado", "--workers", "two"], "perfnb: --workers 'two' is not accepted; give a whole number." },
        { ["compare", "--stacks"], "perfnb: --stacks needs a value." },
        { ["compare", "--reps", "2", "--reps", "3"], "perfnb: --reps is given more than once; give it once." },
        { ["load"], "perfnb: load needs its URL argument." },
        { ["report", "a", "b"], "perfnb: unexpected argument 'b' for perfnb report." },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(CommandLines))]
    public async Task A_command_line_that_does_not_parse_is_one_line_and_exit_code_2(string[] args, string expected)
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), args);
        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain("Usage:", stdout + stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_file_is_the_request_body_not_a_file_of_more_arguments()
    {
        // System.CommandLine reads "@FILE" as a response file (more arguments) unless told not to.
        using var folder = new TempFolder();
        var body = Path.Combine(folder.Path, "body.txt");
        await File.WriteAllTextAsync(body, "--bogus value\n");
        var (_, stdout, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50),
            "load", "http://127.0.0.1:1/echo", "--body", "@" + body, "-n", "1", "--timeout", "1s", "--json");
        Assert.DoesNotContain("--bogus", stderr);
        Assert.Contains("\"requests\":", stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task Help_still_prints_the_help_and_exits_0()
    {
        var (code, stdout, _) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), "compare", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--stacks", stdout);
    }
}
