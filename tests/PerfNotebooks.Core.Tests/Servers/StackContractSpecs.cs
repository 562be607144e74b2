using System.Diagnostics;
using System.Text;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Every catalog stack starts from the Debian packages and serves the endpoint contract.</summary>
public sealed class StackContractSpecs
{
    public static TheoryData<string> Stacks => [.. StackCatalog.Names];

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Stacks))]
    public async Task Every_catalog_stack_starts_and_answers_every_endpoint_per_the_contract(string name)
    {
        var server = await ServerLauncher.StartAsync(StackCatalog.Get(name));
        var pids = server.ProcessIds();
        try
        {
            Assert.NotEmpty(pids);
            Assert.NotEqual(0, server.BaseUrl.Port);

            var plaintext = await RawHttp.GetAsync(server.BaseUrl, "/plaintext");
            AssertContract(plaintext, "text/plain");
            Assert.Equal("Hello, World!", plaintext.Text);

            var json = await RawHttp.GetAsync(server.BaseUrl, "/json");
            AssertContract(json, "application/json");
            Assert.Equal("Hello, World!", System.Text.Json.JsonDocument.Parse(json.Body).RootElement.GetProperty("message").GetString());

            var clock = Stopwatch.StartNew();
            var io = await RawHttp.GetAsync(server.BaseUrl, "/io?ms=200");
            clock.Stop();
            AssertContract(io, "text/plain");
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(195), $"/io?ms=200 answered after {clock.Elapsed.TotalMilliseconds} ms");

            var cpu = await RawHttp.GetAsync(server.BaseUrl, "/cpu?n=5");
            AssertContract(cpu, "text/plain");
            Assert.True(long.TryParse(cpu.Text, out _), $"/cpu answered '{cpu.Text}'");

            var bytes = await RawHttp.GetAsync(server.BaseUrl, "/bytes?size=5000");
            AssertContract(bytes, null);
            Assert.Equal(5000, bytes.Body.Length);

            var payload = Encoding.UTF8.GetBytes("{\"echo\":\"" + new string('e', 3000) + "\"}");
            var echo = await RawHttp.SendAsync(server.BaseUrl, "POST", "/echo", payload, "application/json");
            AssertContract(echo, "application/json");
            Assert.Equal(payload, echo.Body);

            var bad = await RawHttp.GetAsync(server.BaseUrl, "/io?ms=abc");
            Assert.Equal(400, bad.Status);
        }
        finally
        {
            await server.DisposeAsync();
        }
        Assert.True(server.HasExited);
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    private static void AssertContract(RawHttp.Response response, string? contentType)
    {
        Assert.Equal(200, response.Status);
        foreach (var header in new[] { "Server", "Date", "Content-Type", "Content-Length" })
            Assert.True(response.Headers.ContainsKey(header), $"missing {header}; got {string.Join(", ", response.Headers.Keys)}");
        Assert.Equal(response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers["Content-Length"]);
        if (contentType is not null) Assert.StartsWith(contentType, response.Headers["Content-Type"]);
    }
}
