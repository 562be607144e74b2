namespace PerfNotebooks.Servers;

/// <summary>What a recipe needs to write a server's command line. <c>AppDirectory</c> is where the app is
/// imported from (the catalog's python folder, or a user's app folder); <c>ImportPath</c> holds more folders for
/// the import path after it (a user's extra paths); <c>HelperDirectory</c> is PerfNotebooks' own python folder,
/// where helper scripts (the Twisted runner) live.</summary>
internal sealed record LaunchContext(
    string Python,
    string Host,
    int Port,
    int Workers,
    int? Threads,
    PythonApp App,
    string AppDirectory,
    IReadOnlyList<string> ImportPath,
    string HelperDirectory);
