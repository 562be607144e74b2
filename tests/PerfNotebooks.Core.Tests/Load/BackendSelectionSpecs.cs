using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;
using PerfNotebooks.Load.Native;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>Which I/O backend runs, and that the result says so.</summary>
[Collection(LoadCollection.Name)]
public sealed class BackendSelectionSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task I_can_force_epoll_and_the_audit_names_it()
    {
        await using var server = ScriptedHttpServer.Fixed();

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 200, Backend = LoadBackend.Epoll });

        Assert.Equal("epoll", result.Client.Backend);
        Assert.Null(result.Client.BackendNote);
        Assert.Equal(200, result.Summary.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task By_default_io_uring_runs_where_this_process_may_use_it_and_otherwise_the_audit_says_why_not()
    {
        await using var server = ScriptedHttpServer.Fixed();

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 200 });

        if (Environment.GetEnvironmentVariable("PERFNB_LOAD_BACKEND") is "epoll")
        {
            // The whole test run was asked for epoll (the suite runs once per backend).
            Assert.Equal("epoll", result.Client.Backend);
        }
        else if (IoUringSupport.WhyUnavailable is null)
        {
            Assert.Equal("io_uring", result.Client.Backend);
            Assert.Null(result.Client.BackendNote);
        }
        else
        {
            Assert.Equal("epoll", result.Client.Backend);
            Assert.Contains("io_uring unavailable", result.Client.BackendNote);
        }
        Assert.Equal(200, result.Summary.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Threads_default_to_the_processors_this_process_may_use_and_never_exceed_the_connections()
    {
        await using var server = ScriptedHttpServer.Fixed();

        var byDefault = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 64, Requests = 200 });
        var capped = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 200, Threads = 8 });

        Assert.Equal(Math.Min(64, Environment.ProcessorCount), byDefault.Client.Threads);
        Assert.Equal(2, capped.Client.Threads);
        Assert.Equal(200, capped.Summary.Requests);
    }
}
