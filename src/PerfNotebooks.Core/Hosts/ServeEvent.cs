using System.Text.Json;
using System.Text.Json.Serialization;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>
/// One line of <c>perfnb serve --json</c>: how a server host tells its controller that the server is ready
/// (<see cref="Ready"/>: URL, PIDs, versions), what its process tree used (<see cref="Sample"/>, with the
/// host's wall clock), and how it ended (<see cref="Stopped"/>, <see cref="Exited"/>). One JSON object per
/// line, so a reader needs no framing beyond lines.
/// </summary>
public sealed record ServeEvent
{
    /// <summary>The server is ready.</summary>
    public const string Ready = "ready";
    /// <summary>A resource sample.</summary>
    public const string Sample = "sample";
    /// <summary>The server was stopped.</summary>
    public const string Stopped = "stopped";
    /// <summary>The server exited on its own.</summary>
    public const string Exited = "exited";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One of <see cref="Ready"/>, <see cref="Sample"/>, <see cref="Stopped"/>, <see cref="Exited"/>.</summary>
    public required string Event { get; init; }

    /// <summary>The stack served.</summary>
    public string? Stack { get; init; }
    /// <summary>The server's base URL.</summary>
    public string? Url { get; init; }

    /// <summary>The server's leader PID (it leads its own session and process group).</summary>
    public int? Pid { get; init; }

    /// <summary>For ready and each sample: the PIDs of the server's whole tree (a worker that died and was replaced shows here).</summary>
    public IReadOnlyList<int>? Pids { get; init; }
    /// <summary>Worker processes.</summary>
    public int? Workers { get; init; }
    /// <summary>Threads per worker, where the server has them.</summary>
    public int? Threads { get; init; }
    /// <summary>Python, app and server versions.</summary>
    public ServerVersions? Versions { get; init; }

    /// <summary>For a sample: when it was taken, in milliseconds since 1970 on the server host's clock.</summary>
    public long? UnixMs { get; init; }

    /// <summary>For a sample: the process tree's resources (Elapsed counts from the sampler's start).</summary>
    public ResourceSample? Resources { get; init; }

    /// <summary>For <see cref="Exited"/>: the server's exit code, when known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>For <see cref="Exited"/>: the server's last output, lines joined with '|'.</summary>
    public string? Message { get; init; }

    /// <summary>The event as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads one line; null when it is not an event (other output, a partial line).</summary>
    public static ServeEvent? Parse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<ServeEvent>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
