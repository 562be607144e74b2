using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Stacks and checks the server specs share.</summary>
internal static class TestStacks
{
    /// <summary>A catalog stack with a mark in its environment, so that a test can find its processes in /proc
    /// even when it never learned their PIDs (a start that failed).</summary>
    public static StackSpec Marked(StackSpec spec, out string mark)
    {
        mark = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>(spec.Environment) { ["PERFNB_TEST_MARK"] = mark };
        return spec with { Environment = environment };
    }

    /// <summary>A user-defined stack: the given command line, run by /usr/bin/python3.</summary>
    public static StackSpec Custom(string name, params string[] command) => new()
    {
        Name = name,
        App = "custom",
        Server = "custom",
        Command = command,
    };
}
