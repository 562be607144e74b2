using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!load TARGET [-c N] [-d DURATION] [--rate R] [--warmup D] [--endpoint PATH] [--name VAR]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class LoadMagicCommand : KernelDirectiveCommand
{
    public string? Target { get; set; }

    /// <summary>-c: connections.</summary>
    public string? C { get; set; }

    /// <summary>-d: duration.</summary>
    public string? D { get; set; }
    public string? Rate { get; set; }
    public string? Warmup { get; set; }
    public string? Endpoint { get; set; }
    public string? Name { get; set; }
}
