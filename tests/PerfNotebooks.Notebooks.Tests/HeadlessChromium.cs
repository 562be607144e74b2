using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Notebooks.Tests;

/// <summary>Debian's chromium, headless, no network: renders a page and hands back its DOM after the scripts ran.</summary>
internal static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(string htmlFile, CancellationToken cancellationToken = default)
    {
        var profile = Directory.CreateTempSubdirectory("perfnb-chromium-");
        try
        {
            var result = await Cli.Wrap("chromium")
                .WithArguments(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.FullName}",
                    // Anything that is not a file: URL goes nowhere: the charts must draw from what the page carries.
                    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                    "--virtual-time-budget=15000", "--dump-dom", new Uri(htmlFile).AbsoluteUri])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            return result.StandardOutput;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
