using System.Text.Json;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>
/// <c>perfnb load</c>'s choice of I/O backend (--backend, PERFNB_LOAD_BACKEND, the fallback where io_uring is
/// refused) and --threads, through the real binary.
/// </summary>
[Collection("perfnb load cli")]
public sealed class LoadBackendSpecs
{
    /// <summary>
    /// Runs the rest of its command line under a seccomp filter that fails io_uring_setup with EPERM, as Docker's
    /// default profile and io_uring_disabled=2 do. libseccomp2 is part of every Debian system (systemd needs it).
    /// </summary>
    private const string RefuseIoUring = """
        import ctypes, os, sys
        lib = ctypes.CDLL("libseccomp.so.2")
        lib.seccomp_init.restype = ctypes.c_void_p
        ctx = ctypes.c_void_p(lib.seccomp_init(ctypes.c_uint32(0x7fff0000)))  # SCMP_ACT_ALLOW
        nr = lib.seccomp_syscall_resolve_name(b"io_uring_setup")
        assert nr >= 0 and lib.seccomp_rule_add(ctx, ctypes.c_uint32(0x00050000 | 1), ctypes.c_int(nr), ctypes.c_uint(0)) == 0  # SCMP_ACT_ERRNO(EPERM)
        assert lib.seccomp_load(ctx) == 0
        os.execvp(sys.argv[1], sys.argv[1:])
        """;

    [Theory(Timeout = 60_000)]
    [InlineData("epoll", "epoll")]
    [InlineData("io_uring", "io_uring")]
    [InlineData("auto", "io_uring")]
    public async Task The_backend_option_picks_the_backend_and_the_JSON_names_the_one_that_ran(string option, string expected)
    {
        await using var server = new FixedResponseServer();

        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "load", server.Url, "-n", "300", "-c", "2", "--backend", option, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var ran = json.RootElement.GetProperty("backend").GetString();
        if (expected == "io_uring" && ran == "epoll")
        {
            // Only where io_uring is refused here, and then the result says why.
            Assert.Contains("io_uring unavailable", json.RootElement.GetProperty("backendNote").GetString());
        }
        else
        {
            Assert.Equal(expected, ran);
        }
        Assert.Equal(300, json.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_environment_variable_picks_the_backend_when_the_option_is_left_out()
    {
        await using var server = new FixedResponseServer();

        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(("PERFNB_LOAD_BACKEND", "epoll"), null, "load", server.Url, "-n", "300", "-c", "2", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("epoll", json.RootElement.GetProperty("backend").GetString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("auto")]
    [InlineData("io_uring")]
    public async Task Where_io_uring_is_refused_the_generator_runs_on_epoll_and_says_why(string option)
    {
        await using var server = new FixedResponseServer();
        Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is needed to install the seccomp filter");

        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, ["/usr/bin/python3", "-c", RefuseIoUring], "load", server.Url, "-n", "300", "-c", "2", "--backend", option, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("epoll", json.RootElement.GetProperty("backend").GetString());
        var note = json.RootElement.GetProperty("backendNote").GetString();
        Assert.Contains("io_uring_setup", note);
        Assert.Contains("EPERM", note);
        Assert.Equal(300, json.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_text_output_names_the_backend_the_threads_and_the_time_to_open_the_connections()
    {
        await using var server = new FixedResponseServer();

        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "load", server.Url, "-d", "1s", "-c", "3", "--threads", "2", "--backend", "epoll");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"Engine: epoll, 2 threads, 3 connections opened in \d+\.\d (ms|s), peak RSS \d+ MB", stdout);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "--backend", "kqueue" }, "auto, io_uring or epoll")]
    [InlineData(new[] { "--threads", "0" }, "1 or more")]
    [InlineData(new[] { "--threads", "two" }, "whole number")]
    public async Task A_bad_backend_or_thread_count_is_one_line_with_exit_code_2(string[] option, string expected)
    {
        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, ["load", "http://127.0.0.1:9/", .. option]);

        Assert.True(exit == 2, $"exit {exit}, stderr {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
        Assert.Equal("", stdout.Trim());
    }
}
