namespace PerfNotebooks.Reporting;

/// <summary>
/// "Tornado ... ideal for real-time applications such as chat systems or websockets", read as: on WebSocket
/// echo and chat broadcast, no other stack serving WebSockets delivers 1.2 times Tornado's messages per second.
/// Needs a realtime block (WebSocket load on /ws/echo and /ws/broadcast).
/// </summary>
internal static class RealtimeClaim
{
    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Tornado delivers WebSocket messages (echo and chat broadcast) at least as well as the other stacks that serve WebSockets: none delivers 1.2x its messages per second.";
        return ClaimJudge.NotMeasured(claim, 1 / SeedClaims.Better,
            "needs WebSocket load on /ws/echo and /ws/broadcast (a 'realtime' block) against tornado and its peers; this run has none.");
    }
}
