using System.Reflection;

namespace PerfNotebooks;

/// <summary>Facts about this build of PerfNotebooks that more than one room records.</summary>
internal static class Toolkit
{
    /// <summary>The informational version of PerfNotebooks.Core, e.g. "0.1.0+3f2c...".</summary>
    public static string Version { get; } =
        typeof(Toolkit).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Toolkit).Assembly.GetName().Version?.ToString() ?? "";
}
