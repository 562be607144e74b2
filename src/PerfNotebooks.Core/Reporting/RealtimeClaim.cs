using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// "Tornado ... ideal for real-time applications such as chat systems or websockets", read as: on WebSocket echo
/// (closed loop, the most clients measured) no other stack serving WebSockets delivers 1.2 times Tornado's messages
/// per second, judged on Tornado's rate over the best other stack's with the same interval as every claim; and in the
/// chat broadcast (rooms, a fixed message rate) Tornado delivers at least 1/1.2 of the best stack's deliveries per
/// second. The echo latency at a fixed message rate and the broadcast's delivery p99 of every stack are in the evidence.
/// </summary>
internal static class RealtimeClaim
{
    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Tornado delivers WebSocket messages (echo and chat broadcast) at least as well as the other stacks that serve WebSockets: none delivers 1.2x its messages per second.";
        var minimum = 1 / SeedClaims.Better;
        var echo = ClaimJudge.InBlock(a, PlanPresets.RealtimeEchoBlock).ToList();
        var most = echo.Count == 0 ? 0 : echo.Max(c => c.Level);
        var atMost = echo.Where(c => c.Level == most).ToList();
        var tornado = atMost.FirstOrDefault(c => c.Stack == "tornado");
        var others = atMost.Where(c => c.Stack != "tornado").OrderByDescending(c => c.RpsSample.MeanLog).ToList();
        if (tornado is null || others.Count == 0)
            return ClaimJudge.NotMeasured(claim, minimum,
                $"needs WebSocket echo load on /ws/echo against tornado and its peers (the '{PlanPresets.RealtimeEchoBlock}' block of the seed and realtime presets); this run has "
                + (echo.Count == 0 ? "none." : "it for fewer than two stacks."));

        var best = others[0];
        var numbers = $"/ws/echo, closed loop at {ClaimJudge.Lvl(most)} clients, messages/s (p99): "
            + string.Join(", ", atMost.OrderByDescending(c => c.RpsSample.MeanLog).Select(c => $"{c.Label} {Numbers.ThreeFigures(c.RpsSample.GeometricMean)} ({Numbers.Ms(c.P99Sample.GeometricMean)} ms)"))
            + $". Tornado over the best other, {best.Label}: ";
        var check = ClaimJudge.Judge(claim, tornado.RpsSample, best.RpsSample, minimum, numbers, tornado, best);

        var extra = new List<string>();
        var rate = ClaimJudge.InBlock(a, PlanPresets.RealtimeRateBlock).ToList();
        if (rate.Count > 0)
            extra.Add($"Echo at {ClaimJudge.Lvl(rate[0].Level)} messages/s, p99 from the intended send time: "
                + string.Join(", ", rate.OrderBy(c => c.P99Sample.MeanLog).Select(c => $"{c.Label} {Numbers.Ms(c.P99Sample.GeometricMean)} ms{(c.MeanErrorRate > 0 ? $" ({Numbers.Share(c.MeanErrorRate)} failed)" : "")}")));
        var broadcast = ClaimJudge.InBlock(a, PlanPresets.RealtimeBroadcastBlock).ToList();
        var outcome = check.Outcome;
        if (broadcast.Count > 0)
        {
            extra.Add($"Chat broadcast at {ClaimJudge.Lvl(broadcast[0].Level)} messages/s over {(broadcast[0].Cells[0].Cell.WebSocket?.Rooms ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)} rooms, deliveries/s (delivery p99): "
                + string.Join(", ", broadcast.OrderByDescending(c => c.RpsSample.MeanLog).Select(c => $"{c.Label} {Numbers.ThreeFigures(c.RpsSample.GeometricMean)} ({Numbers.Ms(c.P99Sample.GeometricMean)} ms)")));
            var tornadoChat = broadcast.FirstOrDefault(c => c.Stack == "tornado");
            var bestChat = broadcast.Where(c => c.Stack != "tornado").OrderByDescending(c => c.RpsSample.MeanLog).FirstOrDefault();
            if (tornadoChat is not null && bestChat is not null && RatioStatistics.Compare(tornadoChat.RpsSample, bestChat.RpsSample) is { HasInterval: true } chat && chat.High < minimum)
            {
                outcome = ClaimOutcome.Disagrees;
                extra.Add($"in the chat Tornado delivered {Numbers.RatioWithInterval(chat.Ratio, chat.Low, chat.High)} of {bestChat.Label}'s deliveries per second, below the {Numbers.Threshold(minimum)} the claim allows");
            }
        }
        return check with { Outcome = outcome, Evidence = check.Evidence + (extra.Count > 0 ? " " + string.Join(". ", extra) + "." : "") };
    }
}
