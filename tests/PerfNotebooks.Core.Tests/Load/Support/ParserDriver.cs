using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// Feeds <see cref="HttpResponseParser"/> a byte stream in given pieces the way the load engine does: unconsumed
/// bytes stay in the buffer and are offered again with the next piece; a response that says the connection
/// closes ends the stream; at the end of the stream a close-delimited body completes. It checks the parser's
/// own contract on the way: it never claims more bytes than it was given, and it always makes progress or
/// asks for more, so a parser that loops or over-reads fails here rather than hanging a run.
/// </summary>
public static class ParserDriver
{
    public static ParseOutcome Run(byte[] stream, params int[] splitPoints)
    {
        var parser = new HttpResponseParser();
        parser.Reset();
        var responses = new List<(int, bool)>();
        // The pieces arrive one after another, so what the engine's buffer holds after piece k is the stream up
        // to that piece's end, less what the parser consumed: a window on the stream, no copy needed.
        var start = 0;
        var ends = splitPoints.Where(p => p > 0 && p < stream.Length).Distinct().Order().Append(stream.Length);
        foreach (var end in ends)
        {
            var steps = 0;
            while (start < end)
            {
                if (++steps > end - start + 16) throw new InvalidOperationException($"the parser made no progress at offset {start}");
                var span = stream.AsSpan(start, end - start);
                var status = parser.Parse(span, out var consumed);
                if (consumed < 0 || consumed > span.Length) throw new InvalidOperationException($"the parser claimed {consumed} bytes of {span.Length}");
                start += consumed;
                if (status == ParseStatus.Malformed) return new ParseOutcome(responses, true, false);
                if (status == ParseStatus.NeedMoreData)
                {
                    if (consumed == 0 || start == end) break;
                    continue;
                }
                responses.Add((parser.StatusCode, parser.CloseAfter));
                if (parser.CloseAfter) return new ParseOutcome(responses, false, false);
            }
        }
        if (parser.IsReadingUntilClose)
        {
            if (parser.CompleteAtEndOfStream() != ParseStatus.Complete) throw new InvalidOperationException("a close-delimited body did not complete at EOF");
            responses.Add((parser.StatusCode, parser.CloseAfter));
            return new ParseOutcome(responses, false, false);
        }
        return new ParseOutcome(responses, false, !parser.AtResponseStart || start < stream.Length);
    }
}
