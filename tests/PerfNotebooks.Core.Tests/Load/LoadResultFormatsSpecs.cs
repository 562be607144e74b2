using HdrHistogram;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class LoadResultFormatsSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_result_round_trips_through_JSON_histograms_included()
    {
        var original = await MeasureAsync();

        var json = LoadResultJson.Serialize(original);
        var back = LoadResultJson.Deserialize(json);

        Assert.Equal(original.Summary, back.Summary with { Latency = back.Summary.Latency });
        Assert.Equal(original.Summary.Requests, back.Summary.Requests);
        Assert.Equal(original.Summary.Latency, back.Summary.Latency);
        Assert.Equal(original.Corrected.TotalCount, back.Corrected.TotalCount);
        Assert.Equal(original.Corrected.GetValueAtPercentile(99), back.Corrected.GetValueAtPercentile(99));
        Assert.Equal(original.Uncorrected.GetMaxValue(), back.Uncorrected.GetMaxValue());
        Assert.Equal(original.Timeline, back.Timeline);
        Assert.Equal(original.Intervals.Count, back.Intervals.Count);
        Assert.Equal(original.Errors.Total, back.Errors.Total);
        Assert.Equal(original.Errors.Status.ToArray(), back.Errors.Status.ToArray());
        Assert.Equal(original.Client, back.Client);
        Assert.Equal(original.StartedAt, back.StartedAt);
        Assert.Equal(original.Spec.Url, back.Spec.Url);
        Assert.Equal(original.Spec.Requests, back.Spec.Requests);
        Assert.Equal(original.Spec.Headers.ToArray(), back.Spec.Headers.ToArray());
        Assert.Equal(json, LoadResultJson.Serialize(back));
    }

    [Fact(Timeout = 60_000)]
    public async Task JSON_written_before_the_reset_class_and_the_rate_fields_still_reads()
    {
        var original = await MeasureAsync();
        var node = System.Text.Json.Nodes.JsonNode.Parse(LoadResultJson.Serialize(original))!.AsObject();
        foreach (var added in new[] { "successes", "errorRate", "targetRate", "achievedRate", "missedTarget" }) node.Remove(added);
        node["errors"]!.AsObject().Remove("reset");

        var back = LoadResultJson.Deserialize(node.ToJsonString());

        Assert.Equal(0, back.Errors.Reset);
        Assert.Equal(original.Errors.Total, back.Errors.Total);
        Assert.Equal(original.Successes, back.Successes);
        Assert.Equal(original.Summary.Requests, back.Summary.Requests);
    }

    [Fact]
    public void A_document_that_is_not_a_result_is_a_clear_error()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => LoadResultJson.Deserialize("{\"requests\": 3}"));
        Assert.Contains("not a load result", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_write_the_percentile_distribution_and_the_interval_log()
    {
        var result = await MeasureAsync();

        var hgrm = new StringWriter();
        LoadResultFiles.WriteHgrm(result, hgrm);
        Assert.Contains("Value     Percentile TotalCount 1/(1-Percentile)", hgrm.ToString());
        Assert.Contains($"Total count    =", hgrm.ToString());

        using var hlog = new MemoryStream();
        LoadResultFiles.WriteHlog(result, hlog);
        hlog.Position = 0;
        using var reader = new HistogramLogReader(hlog);
        var intervals = reader.ReadHistograms().ToList();
        Assert.Equal(result.Intervals.Count, intervals.Count);
        Assert.Equal(result.Corrected.TotalCount, intervals.Sum(h => h.TotalCount));
    }

    private static async Task<LoadResult> MeasureAsync()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            var n = 0;
            while (await c.ReadRequestAsync(ct))
                await c.WriteAsync(n++ % 10 == 0 ? "HTTP/1.1 404 No\r\nContent-Length: 0\r\n\r\n" : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
        });
        return await LoadEngine.RunAsync(new LoadSpec
        {
            Url = server.Url(),
            Connections = 2,
            Rate = 400,
            Duration = TimeSpan.FromSeconds(2.5),
            Headers = [new("X-A", "b")],
        });
    }
}
