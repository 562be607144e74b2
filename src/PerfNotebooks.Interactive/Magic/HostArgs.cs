using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>
/// The host parameters shared by <c>#!pyserver start</c>, <c>#!load</c> and <c>#!compare</c>, as on the command
/// line: --server-host, --load-hosts, --ssh-option (several Key=Value separated by ';'), --deploy-root.
/// </summary>
internal static class HostArgs
{
    /// <summary>Adds the host parameters to a directive (<paramref name="server"/>, <paramref name="load"/>: which of the two it takes).</summary>
    public static void AddTo(KernelActionDirective directive, bool server = true, bool load = true)
    {
        if (server) directive.Parameters.Add(new KernelDirectiveParameter("--server-host", "Run the server on this host: ssh://user@host[:port] (perfnb deploys itself there)"));
        if (load) directive.Parameters.Add(new KernelDirectiveParameter("--load-hosts", "Generate the load from these hosts: ssh://user@a,ssh://user@b"));
        directive.Parameters.Add(new KernelDirectiveParameter("--ssh-option", "ssh client options Key=Value, several separated by ';', e.g. IdentityFile=/k;StrictHostKeyChecking=yes"));
        directive.Parameters.Add(new KernelDirectiveParameter("--deploy-root", "Folder for perfnb on each host (default ~/.cache/perfnb; %h = the host's name)"));
    }

    /// <summary>The request the values make.</summary>
    public static HostRequest Request(string? serverHost, string? loadHosts, string? sshOptions, string? deployRoot, string python = "/usr/bin/python3") => new()
    {
        ServerHost = serverHost,
        LoadHosts = loadHosts,
        SshOptions = (sshOptions ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        DeployRoot = deployRoot,
        Python = python,
        Packages = EnvironmentProbe.PythonPackages,
    };

    /// <summary>Opens the request's hosts; address and option mistakes are one line naming the parameter.</summary>
    public static async Task<HostTopology> OpenAsync(HostRequest request, CancellationToken cancellationToken)
    {
        var server = HostOptionWording.Read(request.Server, "--server-host");
        var load = HostOptionWording.Read(request.Load, "--load-hosts");
        var setup = HostOptionWording.Read(request.Setup, "--ssh-option");
        return await HostTopology.OpenAsync(server, load, setup, null, cancellationToken);
    }
}
