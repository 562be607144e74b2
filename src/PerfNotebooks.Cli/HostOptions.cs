using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Cli;

/// <summary>
/// The options that put a command's parts on other machines, shared by <c>compare</c>, <c>load</c> and
/// <c>serve</c>: <c>--server-host ssh://user@host[:port]</c>, <c>--load-hosts ssh://user@a,ssh://user@b</c>,
/// <c>--ssh-option Key=Value</c> (repeatable, passed to ssh as <c>-o</c>: IdentityFile, UserKnownHostsFile,
/// StrictHostKeyChecking, ...) and <c>--deploy-root DIR</c> (where perfnb goes on each host; %h = the host).
/// </summary>
internal sealed class HostOptions
{
    public Option<string?> ServerHost { get; } = new("--server-host") { Description = "Run the server on this host: ssh://user@host[:port] (perfnb deploys itself there)." };
    public Option<string?> LoadHosts { get; } = new("--load-hosts") { Description = "Generate the load from these hosts, comma-separated: ssh://user@a,ssh://user@b." };
    public Option<string[]> SshOptions { get; } = new("--ssh-option") { Description = "An ssh client option Key=Value for every host (repeatable), e.g. IdentityFile=~/.ssh/lab." };
    public Option<string?> DeployRoot { get; } = new("--deploy-root") { Description = "Folder for perfnb on each host (default ~/.cache/perfnb; %h = the host's name)." };

    public IEnumerable<Option> All => [ServerHost, LoadHosts, SshOptions, DeployRoot];

    /// <summary>The host settings given, as one request (read the same way as in a notebook).</summary>
    public HostRequest Request(ParseResult parse, string python = "/usr/bin/python3") => new()
    {
        ServerHost = parse.GetValue(ServerHost),
        LoadHosts = parse.GetValue(LoadHosts),
        SshOptions = parse.GetValue(SshOptions) ?? [],
        DeployRoot = parse.GetValue(DeployRoot),
        Python = python,
        Packages = EnvironmentProbe.PythonPackages,
    };

    /// <summary>The server host given, or null; a bad address is one line naming the option.</summary>
    public HostAddress? Server(ParseResult parse) => HostOptionWording.Read(() => Request(parse).Server(), "--server-host");

    /// <summary>The load hosts given, or none.</summary>
    public IReadOnlyList<HostAddress> Load(ParseResult parse) => HostOptionWording.Read(() => Request(parse).Load(), "--load-hosts");

    /// <summary>True when any host was named.</summary>
    public bool AnyGiven(ParseResult parse) => Request(parse).AnyHost;

    /// <summary>How hosts are reached and prepared, from --ssh-option and --deploy-root.</summary>
    public HostSetup Setup(ParseResult parse, string python = "/usr/bin/python3") => HostOptionWording.Read(() => Request(parse, python).Setup(), "--ssh-option");

    /// <summary>Opens the hosts (reach, deploy, probe, clocks), saying what it does on stderr.</summary>
    public static Task<HostTopology> OpenAsync(HostAddress? server, IReadOnlyList<HostAddress> load, HostSetup setup, CancellationToken cancellationToken)
        => HostTopology.OpenAsync(server, load, setup, new SynchronousNote(), cancellationToken);


    private sealed class SynchronousNote : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine("perfnb: " + value);
    }
}
