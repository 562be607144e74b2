namespace PerfNotebooks.Servers;

/// <summary>
/// Everything needed to start one server process, resolved from a <see cref="StackSpec"/>: the command
/// line (without setsid/taskset), working directory, environment, and what must be installed.
/// </summary>
internal sealed record LaunchPlan(
    StackSpec Spec,
    ServerRecipe? Recipe,
    PythonApp? App,
    IReadOnlyList<string> CommandLine,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    public int StopSignal => GracefulSignal ?? Recipe?.StopSignal ?? Posix.SIGTERM;

    /// <summary>The signal that asks the process to stop, when neither a recipe nor SIGTERM is right (PostgreSQL: SIGINT, its fast shutdown).</summary>
    public int? GracefulSignal { get; init; }

    /// <summary>For a user's app: the framework its import showed (e.g. <c>Flask 2.2.2</c>), recorded as the framework version.</summary>
    public string? UserFramework { get; init; }
}
