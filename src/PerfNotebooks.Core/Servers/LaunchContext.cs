namespace PerfNotebooks.Servers;

/// <summary>What a recipe needs to write a server's command line.</summary>
internal sealed record LaunchContext(
    string Python,
    string Host,
    int Port,
    int Workers,
    int? Threads,
    PythonApp App,
    string PythonDirectory);
