namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// Tests that mark every process they cause through this process's own environment (the app probe and the
/// servers inherit it), then check none is left: nothing else may run meanwhile, or it would carry the mark too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnAppCollection
{
    public const string Name = "own app, marked processes";

    /// <summary>Sets a fresh mark in this process's environment for the length of a test; disposing clears it.</summary>
    public static Mark Begin() => new(Guid.NewGuid().ToString("N"));

    public sealed class Mark : IDisposable
    {
        public Mark(string value)
        {
            Value = value;
            Environment.SetEnvironmentVariable("PERFNB_TEST_MARK", value);
        }

        public string Value { get; }

        public void Dispose() => Environment.SetEnvironmentVariable("PERFNB_TEST_MARK", null);
    }
}
