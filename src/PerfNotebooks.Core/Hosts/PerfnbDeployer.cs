using System.Diagnostics;
using System.Globalization;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Puts a <see cref="DeployBundle"/> on a host, in <c>ROOT/VERSION-HASH</c> (ROOT defaults to
/// <c>~/.cache/perfnb</c> there). A folder already there is used again when every file passes
/// <c>sha256sum -c</c> against the manifest; otherwise the bundle goes over as one tar archive through the
/// shared connection, is unpacked into a staging folder, checked the same way, and renamed into place,
/// so a folder under the final name is always whole. Nothing is installed outside ROOT.
/// </summary>
public sealed class PerfnbDeployer
{
    // Exit codes of the check script.
    private const int Verified = 0;
    private const int Absent = 3;
    private const int Damaged = 4;
    private const int Unsupported = 6;

    private const string CheckScript = """
        case "$(uname -s)-$(uname -m)" in
          Linux-x86_64) ;;
          *) echo "the bundle is for Linux x86_64; this host is $(uname -s) $(uname -m)" >&2; exit 6 ;;
        esac
        command -v sha256sum >/dev/null 2>&1 || { echo "sha256sum not found (coreutils)" >&2; exit 6; }
        command -v tar >/dev/null 2>&1 || { echo "tar not found" >&2; exit 6; }
        [ -d "$1" ] || exit 3
        cd "$1" && sha256sum --quiet --strict -c MANIFEST.sha256 >/dev/null 2>&1 && exit 0
        exit 4
        """;

    // $1 root, $2 folder name, $3 uploaded tar. Stage, verify, then replace (a damaged copy) atomically.
    private const string InstallScript = """
        set -e
        root=$1; name=$2; tarball=$3
        stage=$(mktemp -d "$root/.staging-$name.XXXXXX")
        trap 'rm -rf "$stage" "$tarball"' EXIT
        tar -xf "$tarball" -C "$stage"
        if ! (cd "$stage" && sha256sum --quiet --strict -c MANIFEST.sha256 >&2); then
          echo "the copied files do not match their sha256 sums" >&2; exit 4
        fi
        chmod 755 "$stage"
        rm -rf "$root/$name.old"
        if [ -d "$root/$name" ]; then mv "$root/$name" "$root/$name.old"; fi
        mv "$stage" "$root/$name"
        rm -rf "$root/$name.old"
        """;

    /// <summary>Where the versioned folders go on each host; null = <c>$HOME/.cache/perfnb</c> there.</summary>
    public string? DeployRoot { get; init; }

    /// <summary>The folder <paramref name="bundle"/> lives in (or will) on the connection's host.</summary>
    public string FolderOn(SshConnection connection, DeployBundle bundle) => RootOn(connection) + "/" + bundle.FolderName;

    /// <summary>Deploys <paramref name="bundle"/> to the host, or finds it there already, verified either way.</summary>
    public async Task<DeployedPerfnb> DeployAsync(SshConnection connection, DeployBundle bundle, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var root = RootOn(connection);
        var folder = root + "/" + bundle.FolderName;
        var check = await connection.RunScriptAsync(CheckScript, [folder], cancellationToken).ConfigureAwait(false);
        switch (check.ExitCode)
        {
            case Verified:
                return new DeployedPerfnb(connection.Address, folder, Reused: true, BytesCopied: 0, clock.Elapsed);
            case Unsupported:
                throw new HostException(connection.Address, $"perfnb cannot run on {connection.Address}: {check.LastErrorLine}");
            case Absent or Damaged:
                break;
            default:
                throw new HostException(connection.Address,
                    $"checking {folder} on {connection.Address} failed (exit code {check.ExitCode.ToString(CultureInfo.InvariantCulture)}): {check.LastErrorLine}");
        }

        var archive = Path.Combine(Path.GetTempPath(), $"perfnb-bundle-{Guid.NewGuid():N}.tar");
        try
        {
            var stream = File.Create(archive);
            await using (stream.ConfigureAwait(false))
                await bundle.WriteArchiveAsync(stream, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(archive).Length;
            var made = await connection.RunAsync(["mkdir", "-p", root], cancellationToken).ConfigureAwait(false);
            if (made.ExitCode != 0) throw new HostException(connection.Address, $"cannot create {root} on {connection.Address}: {made.LastErrorLine}");
            var upload = root + "/.upload-" + bundle.FolderName + "-" + Guid.NewGuid().ToString("N")[..8] + ".tar";
            await connection.CopyToAsync(archive, upload, "600", cancellationToken).ConfigureAwait(false);
            var install = await connection.RunScriptAsync(InstallScript, [root, bundle.FolderName, upload], cancellationToken).ConfigureAwait(false);
            if (install.ExitCode != 0)
                throw new HostException(connection.Address, $"installing perfnb in {folder} on {connection.Address} failed: {install.LastErrorLine}");
            return new DeployedPerfnb(connection.Address, folder, Reused: false, BytesCopied: size, clock.Elapsed);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private string RootOn(SshConnection connection)
    {
        if (DeployRoot is { } root) return root.TrimEnd('/');
        if (connection.HomeDirectory.Length == 0 || connection.HomeDirectory[0] != '/')
            throw new HostException(connection.Address, $"the remote user on {connection.Address} has no home directory ($HOME is '{connection.HomeDirectory}'); give a deploy folder instead.");
        return connection.HomeDirectory.TrimEnd('/') + "/.cache/perfnb";
    }
}
