namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!compare --preset NAME | --stacks A,B --endpoints E --concurrency 1,8,64 --duration D --repeat K | --resume RUN [--trust] [--name VAR]</c>.
/// Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class CompareMagicCommand : OwnAppMagicCommand
{
    public string? Preset { get; set; }
    public string? Stacks { get; set; }
    public string? Endpoints { get; set; }
    public string? Concurrency { get; set; }
    public string? Rates { get; set; }

    /// <summary>--profile: a rate profile every block follows (spike, ramp, step, schedule).</summary>
    public string? Profile { get; set; }
    public string? Workers { get; set; }
    public string? Duration { get; set; }
    public string? Warmup { get; set; }
    public string? Repeat { get; set; }
    public string? Out { get; set; }

    /// <summary>A stored run (id or folder) to finish: its failed and missing cells are measured.</summary>
    public string? Resume { get; set; }

    /// <summary>With <see cref="Resume"/>: run the commands the run's plan holds of its own (user-defined stacks).</summary>
    public bool Trust { get; set; }

    /// <summary>The verdicts' equivalence band in percent ("5%", "10").</summary>
    public string? EqualWithin { get; set; }

    /// <summary>Let the generator and the servers share every CPU.</summary>
    public bool NoPin { get; set; }

    /// <summary>A stored run to render instead of measuring, when it exists.</summary>
    public string? Stored { get; set; }
    public string? Name { get; set; }

    /// <summary>--load-hosts: comma-separated ssh:// addresses for the load.</summary>
    public string? LoadHosts { get; set; }

    /// <summary>Also write the run's Markdown write-up here (report.md style, its charts as SVG files in a -files folder beside it).</summary>
    public string? SaveMd { get; set; }

    /// <summary>A request file (JSON: method, path, headers, body per entry).</summary>
    public string? Requests { get; set; }
    public string? Python { get; set; }

    /// <summary>C# variables holding <see cref="Servers.StackSpec"/> values (or lists of them), comma-separated: measured with the others.</summary>
    public string? Specs { get; set; }

    /// <summary>The database of the realistic workloads: sqlite or postgres.</summary>
    public string? Db { get; set; }
}
