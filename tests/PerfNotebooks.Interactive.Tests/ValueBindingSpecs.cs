namespace PerfNotebooks.Interactive.Tests;

/// <summary>Magic-command values can come from C# variables (@csharp:name), so a notebook can compute them.</summary>
public sealed class ValueBindingSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_load_option_can_take_its_value_from_a_csharp_variable()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("var duration = \"10x\";")).Error);

        var cell = await kernel.RunAsync("#!load http://127.0.0.1:9/ -d @csharp:duration");

        Assert.NotNull(cell.Error);
        Assert.Contains("-d '10x' is not a duration", cell.Error);
    }
}
