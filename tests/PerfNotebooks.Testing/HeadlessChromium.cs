using System.Text.Json;

namespace PerfNotebooks.Testing;

/// <summary>
/// Opens a page in Debian's chromium (no browser download), headless, and returns the DOM after the
/// scripts ran, the console messages chromium logged, and every URL the page requested (from its
/// net log). A fresh profile per run; the whole process tree is killed on timeout.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>Debian's chromium: a test tool must not download a browser of its own.</summary>
    public const string Executable = "/usr/bin/chromium";

    /// <summary>The DOM after the scripts ran, the console lines, the URLs the page requested, and the profile folder (the caller deletes it).</summary>
    public sealed record PageLoad(string Dom, IReadOnlyList<string> ConsoleLines, IReadOnlyList<string> RequestedUrls, string ProfileDirectory);

    /// <summary>Loads <paramref name="htmlPath"/> in a fresh profile and hands back what it did.</summary>
    public static async Task<PageLoad> LoadAsync(string htmlPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var profile = Directory.CreateTempSubdirectory("perfnb-chromium-").FullName;
        var netLog = Path.Combine(profile, "netlog.json");
        var run = await ProgramRun.RunAsync(ProgramRun.Start(Executable,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
            "--no-pings", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
            // Nothing leaves the machine, neither the page's requests (a CDN) nor chromium's own (update checks,
            // accounts): every host name resolves to nothing, loopback excepted. The page must draw from what it carries.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", $"--log-net-log={netLog}", "--net-log-capture-mode=Default",
            "--virtual-time-budget=15000", "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
        ]), timeout, cancellationToken);
        var console = run.Stderr.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).ToList();
        return new PageLoad(run.Stdout, console, ReadRequestedUrls(netLog), profile);
    }

    /// <summary>The DOM of <paramref name="htmlPath"/> after its scripts ran; the profile is deleted.</summary>
    public static async Task<string> DumpDomAsync(string htmlPath, CancellationToken cancellationToken = default)
    {
        var page = await LoadAsync(htmlPath, TimeSpan.FromSeconds(120), cancellationToken);
        try { Directory.Delete(page.ProfileDirectory, recursive: true); } catch (IOException) { }
        return page.Dom;
    }

    /// <summary>
    /// URLs the page asked for: URL_REQUEST_START_JOB events whose initiator is an origin (a file page's is
    /// "null"). Chromium's own background requests carry "not an origin". file: loads bypass the network
    /// stack and do not appear.
    /// </summary>
    private static List<string> ReadRequestedUrls(string netLog)
    {
        var urls = new List<string>();
        if (!File.Exists(netLog)) throw new InvalidOperationException("chromium wrote no net log");
        var text = File.ReadAllText(netLog).TrimEnd();
        // A net log cut short ends without its closing brackets; close them so it parses.
        if (!text.EndsWith('}')) text = text.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(text);
        var startJob = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob) continue;
            if (!e.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Object) continue;
            if (!p.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String) continue;
            var initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() : null;
            if (initiator == "not an origin") continue;
            urls.Add(url.GetString()!);
        }
        return urls.Distinct().ToList();
    }

    /// <summary>PIDs of live processes whose command line names <paramref name="profile"/>.</summary>
    public static List<int> ProcessesUsing(string profile) => ProcessTable.WithCommandLine(profile);
}
