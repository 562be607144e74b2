using System.Globalization;
using System.Text;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// One measurement of a plan: one stack with a worker count, one endpoint, one load level, one
/// repetition. <see cref="Id"/> names it in the run store, so a resumed run knows what is done.
/// </summary>
public sealed record PlanCell
{
    /// <summary>Position in the plan's run order (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>The label of the block that produced this cell (the first one, when blocks overlap).</summary>
    public required string Matrix { get; init; }

    /// <summary>The stack, with <see cref="StackSpec.Workers"/> set to this cell's worker count.</summary>
    public required StackSpec Stack { get; init; }

    /// <summary>The endpoint, e.g. /plaintext or /io?ms=10.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The request behind <see cref="Endpoint"/> when its block gives one (a request file's entry); null: a GET of the endpoint.</summary>
    public EndpointRequest? Request { get; init; }
    /// <summary>Closed loop or constant rate.</summary>
    public required LoadModel Model { get; init; }
    /// <summary>Connections kept open.</summary>
    public required int Connections { get; init; }

    /// <summary>Requests per second for the constant-rate model; null in closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>1-based repetition number.</summary>
    public required int Repetition { get; init; }

    /// <summary>The rate profile the cell follows (its <see cref="Rate"/> is the profile's peak); null at a fixed level.</summary>
    public Load.RateProfile? Profile { get; init; }

    /// <summary>WebSocket load (echo, or a broadcast over rooms); null: HTTP.</summary>
    public Load.WebSocketLoad? WebSocket { get; init; }

    /// <summary>Worker processes of the stack.</summary>
    public int Workers => Stack.Workers;

    /// <summary>The load level as one number: connections (closed loop) or rate.</summary>
    public double Level => Model == LoadModel.ConstantRate ? Rate ?? 0 : Connections;

    /// <summary>Stable name of the cell, safe as a file name, e.g. <c>flask-gunicorn_plaintext_w2_c32_rep1</c>.</summary>
    public string Id => $"{Stack.Name}_{Slug(Endpoint)}_w{Workers.ToString(CultureInfo.InvariantCulture)}_{LevelTag}_rep{Repetition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The cell without its repetition: repetitions of one condition share it.</summary>
    public string ConditionId => $"{Stack.Name}_{Slug(Endpoint)}_w{Workers.ToString(CultureInfo.InvariantCulture)}_{LevelTag}";

    private string LevelTag => (Profile is { } profile
        ? "p" + Slug(profile.Text)
        : Model == LoadModel.ConstantRate
        ? "r" + (Rate ?? 0).ToString("0.###", CultureInfo.InvariantCulture)
        : "c" + Connections.ToString(CultureInfo.InvariantCulture))
        + (WebSocket?.Rooms is { } rooms ? "_m" + rooms.ToString(CultureInfo.InvariantCulture) + "c" + Connections.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>Turns <c>/io?ms=10</c> into <c>io-ms-10</c>.</summary>
    internal static string Slug(string endpoint)
    {
        var sb = new StringBuilder(endpoint.Length);
        foreach (var ch in endpoint)
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "root" : slug;
    }
}
