namespace PerfNotebooks.Load;

/// <summary>
/// How a front end spells the options of a <see cref="LoadRequest"/> (all of them, e.g. "-c/--connections"), for the
/// one-line mistakes the request reports. The front end gives them from its own option definitions: the core names none.
/// </summary>
public sealed record LoadOptionNames
{
    /// <summary>The option of <see cref="LoadRequest.Connections"/>.</summary>
    public required string Connections { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Duration"/>.</summary>
    public required string Duration { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Requests"/>.</summary>
    public required string Requests { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Rate"/>.</summary>
    public required string Rate { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Profile"/>.</summary>
    public required string Profile { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Rooms"/>.</summary>
    public required string Rooms { get; init; }

    /// <summary>The option of <see cref="LoadRequest.MessageSize"/>.</summary>
    public required string MessageSize { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Warmup"/>.</summary>
    public required string Warmup { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Timeout"/>.</summary>
    public required string Timeout { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Pipeline"/>.</summary>
    public required string Pipeline { get; init; }

    /// <summary>The option that adds one of <see cref="LoadRequest.Headers"/>.</summary>
    public required string Header { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Body"/>.</summary>
    public required string Body { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Threads"/>.</summary>
    public required string Threads { get; init; }

    /// <summary>The option of <see cref="LoadRequest.Backend"/>.</summary>
    public required string Backend { get; init; }
}
