using System.Globalization;
using PerfNotebooks;
using PerfNotebooks.Benchmarks;
using PerfNotebooks.Servers;

// perfnb-bench report                      the run store and the HTML report on a synthetic 100-cell run
// perfnb-bench servers [--repeat N] [STACK...]   start-to-ready and stop times per stack
const string Usage = "usage: perfnb-bench report | perfnb-bench servers [--repeat N] [STACK...]";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    switch (args)
    {
        case ["report"]:
            return ReportBenchmark.Run();
        case ["servers", .. var rest]:
            var repeat = 5;
            if (rest is ["--repeat", var n, .. var stacks])
            {
                if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat is < 1 or > 100)
                    return Fail($"--repeat takes a whole number from 1 to 100, got '{n}'.");
                rest = stacks;
            }
            IReadOnlyList<StackSpec> specs = rest.Length == 0 ? StackCatalog.All : [.. rest.Select(StackCatalog.Get)];
            return await ServerStartupBenchmark.RunAsync(specs, repeat, cancel.Token);
        default:
            return Fail(Usage);
    }
}
catch (PerfNotebooksException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine("perfnb-bench: " + message);
    return 2;
}
