using System.Diagnostics;
using System.Text.Json;

namespace PerfNotebooks.Report.Tests;

/// <summary>
/// Opens a page in Debian's chromium (no browser download), headless, and returns the DOM after the
/// scripts ran, the console messages chromium logged, and every URL the page requested (from its
/// net log). A fresh profile per run; the whole process tree is killed on timeout.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public sealed record PageLoad(string Dom, IReadOnlyList<string> ConsoleLines, IReadOnlyList<string> RequestedUrls, string ProfileDirectory);

    public static async Task<PageLoad> LoadAsync(string htmlPath, TimeSpan timeout)
    {
        var profile = Path.Combine(Path.GetTempPath(), "perfnb-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        var netLog = Path.Combine(profile, "netlog.json");
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
            "--no-pings", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
            // Chromium's own background requests (update checks, accounts) must not leave the machine either:
            // every host name resolves to nothing, loopback excepted.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", $"--log-net-log={netLog}", "--net-log-capture-mode=Default",
            "--virtual-time-budget=10000", "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
        }) psi.ArgumentList.Add(a);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"chromium (pid {process.Id}) did not finish within {timeout.TotalSeconds} s");
        }
        var dom = await stdout;
        var console = (await stderr).Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).ToList();
        return new PageLoad(dom, console, ReadRequestedUrls(netLog), profile);
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
    public static List<int> ProcessesUsing(string profile)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmd.Contains(profile, StringComparison.Ordinal)) pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }
}
