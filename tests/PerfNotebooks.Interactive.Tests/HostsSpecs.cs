namespace PerfNotebooks.Interactive.Tests;

/// <summary>The host parameters of the magic commands: bound by name, and an unreachable host or a bad address is one line before anything runs.</summary>
public sealed class HostsSpecs : IDisposable
{
    private readonly string _runs = Directory.CreateTempSubdirectory("perfnb-nb-hosts-").FullName;

    [Fact(Timeout = 120_000)]
    public async Task An_unreachable_host_fails_each_magic_in_one_line_before_anything_runs()
    {
        using var kernel = await NotebookKernel.StartAsync();
        // Loopback port 1: nothing listens there, ssh is refused at once.
        const string nowhere = "ssh://nobody@127.0.0.1:1";
        var cases = new[]
        {
            $"#!compare --stacks wsgi-gunicorn --endpoints /plaintext --concurrency 2 --duration 1s --repeat 1 --out {_runs} --server-host {nowhere}",
            $"#!load http://127.0.0.1:1/plaintext -d 1s --load-hosts {nowhere}",
            $"#!pyserver start wsgi-gunicorn --server-host {nowhere}",
        };
        foreach (var code in cases)
        {
            var cell = await kernel.RunAsync(code);

            Assert.NotNull(cell.Error);
            Assert.StartsWith($"host {nowhere} is unreachable: ", cell.Error, StringComparison.Ordinal);
            Assert.Contains("Connection refused", cell.Error, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', cell.Error.Trim());
        }
        Assert.Empty(Directory.GetDirectories(_runs));
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_host_address_names_the_parameter()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync($"#!compare --stacks wsgi-gunicorn --out {_runs} --load-hosts bench@lab");

        Assert.Equal("--load-hosts: 'bench@lab' is not a host address: it does not start with ssh://; use ssh://user@host or ssh://user@host:port.", cell.Error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_runs, recursive: true); }
        catch (IOException) { }
    }
}
