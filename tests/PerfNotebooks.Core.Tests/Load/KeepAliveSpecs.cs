using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>
/// <see cref="LoadSpec.KeepAlive"/>: a load without keep-alive asks the server to close after every response, so every
/// request opens a connection of its own; the closes are reconnects, not errors. Also the proof that a new LoadSpec
/// field travels to a child <c>perfnb load</c> with no code in the runner: the spec goes as JSON.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class KeepAliveSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_load_without_keep_alive_reconnects_for_every_request_and_counts_no_errors()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var kept = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 4, Requests = 400 });
            var closed = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 4, Requests = 400, KeepAlive = false });

            Assert.Equal(0, kept.Errors.Total);
            Assert.InRange(kept.Reconnects, 0, 4);
            Assert.Equal(400, closed.Summary.Requests);
            Assert.Equal(0, closed.Errors.Total);
            Assert.InRange(closed.Reconnects, 396, 400);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_child_perfnb_load_is_given_the_field_without_a_line_of_code_in_the_runner()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var spec = new LoadSpec { Url = nginx.Url(), Connections = 2, Requests = 200, KeepAlive = false };
            Assert.Contains("\"keepAlive\":false", LoadSpecJson.Write(spec), StringComparison.Ordinal);

            var result = await new OutOfProcessLoadRunner { CliPath = OutOfProcessLoadRunnerSpecs.CliPath() }.RunAsync(spec);

            Assert.Same(spec, result.Spec);
            Assert.Equal(0, result.Errors.Total);
            Assert.InRange(result.Reconnects, 198, 200);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }
}
