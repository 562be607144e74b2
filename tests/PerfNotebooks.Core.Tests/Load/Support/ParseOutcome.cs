namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>What the parser made of a byte stream: the responses it completed, and how the stream ended.</summary>
public sealed record ParseOutcome(IReadOnlyList<(int Status, bool CloseAfter)> Responses, bool Malformed, bool EndedMidResponse)
{
    public override string ToString()
        => $"[{string.Join(", ", Responses.Select(r => $"{r.Status}{(r.CloseAfter ? " close" : "")}"))}]{(Malformed ? " malformed" : "")}{(EndedMidResponse ? " incomplete" : "")}";

    public bool SameAs(ParseOutcome other) => Responses.SequenceEqual(other.Responses) && Malformed == other.Malformed && EndedMidResponse == other.EndedMidResponse;
}
