using PerfNotebooks.Experiments;

namespace PerfNotebooks.Testing;

/// <summary>
/// The option spellings of the two front ends' compare commands, as they give them to a <see cref="PlanRequest"/>, for
/// core tests that check the one-line mistakes in either front end's words. The front ends' own tests check that
/// their commands spell them so.
/// </summary>
public static class OptionSpellings
{
    /// <summary><c>perfnb compare</c>'s.</summary>
    public static PlanOptionNames CommandLine { get; } = new()
    {
        Command = "perfnb compare", Preset = "--preset", Stacks = "--stacks", Endpoints = "--endpoints", Connections = "--connections", Rates = "--rates", Profile = "--profile",
        Workers = "--workers", Repetitions = "--reps", Duration = "--duration", Warmup = "--warmup", Cooldown = "--cooldown", Seed = "--seed",
        App = "--app", AppDir = "--app-dir", PythonPath = "--pythonpath", Interface = "--interface", Servers = "--servers", ReadyPath = "--ready-path",
        Requests = "--requests", Python = "--python", StackFile = "--stack-file", Database = "--db",
    };

    /// <summary><c>#!compare</c>'s.</summary>
    public static PlanOptionNames Notebook { get; } = CommandLine with { Command = "#!compare", Connections = "--concurrency", Repetitions = "--repeat" };
}
