using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using PerfNotebooks.Core.Tests.Load.Support;
using Xunit.Abstractions;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>
/// Property-based tests of the response parser (CsCheck): generated valid responses, alone or pipelined, with
/// interim 1xx answers, any framing (Content-Length, chunked with extensions and trailers, close-delimited),
/// parse to what was generated however the bytes are split; random mutations of them never throw, never hang,
/// never claim bytes they were not given, and parse the same split or whole. 10,000 cases each by default;
/// PERFNB_FUZZ_LONG=1 runs 1,000,000 and prints the cases per second (recorded in docs/parser.md).
/// </summary>
public sealed class ParserPropertySpecs(ITestOutputHelper output)
{
    private static readonly long Cases = Environment.GetEnvironmentVariable("PERFNB_FUZZ_LONG") == "1" ? 1_000_000 : 10_000;

    [Fact]
    public void Every_valid_response_split_at_every_byte_boundary_parses_exactly_as_unsplit()
    {
        Measure("split", () => ValidStream.Sample(stream =>
        {
            var whole = ParserDriver.Run(stream.Bytes);
            if (!whole.SameAs(stream.Expected)) throw new InvalidOperationException($"whole: {whole}, expected {stream.Expected}");
            for (var split = 1; split < stream.Bytes.Length; split++)
            {
                var parts = ParserDriver.Run(stream.Bytes, split);
                if (!parts.SameAs(whole)) throw new InvalidOperationException($"split at {split}: {parts}, whole: {whole}");
            }
        }, iter: Cases, print: s => Printable(s.Bytes)));
    }

    [Fact]
    public void Valid_responses_fed_one_byte_at_a_time_parse_as_generated()
    {
        Measure("bytewise", () => ValidStream.Sample(stream =>
        {
            var bytewise = ParserDriver.Run(stream.Bytes, Enumerable.Range(1, stream.Bytes.Length).ToArray());
            if (!bytewise.SameAs(stream.Expected)) throw new InvalidOperationException($"byte by byte: {bytewise}, expected {stream.Expected}");
        }, iter: Cases / 4, print: s => Printable(s.Bytes)), Cases / 4);
    }

    [Fact]
    public void Random_mutations_never_throw_hang_or_overread_and_parse_the_same_split_or_whole()
    {
        var mutated = Gen.Select(ValidStream, Mutations.Array[1, 4], Gen.Int[0, 1 << 20], (stream, mutations, splitSeed) =>
        {
            var bytes = stream.Bytes.ToList();
            foreach (var m in mutations) m.Apply(bytes);
            var array = bytes.ToArray();
            return (Bytes: array, Split: array.Length < 2 ? 1 : 1 + splitSeed % (array.Length - 1));
        });
        Measure("mutate", () => mutated.Sample(input =>
        {
            var whole = ParserDriver.Run(input.Bytes);
            var parts = ParserDriver.Run(input.Bytes, input.Split);
            if (!parts.SameAs(whole)) throw new InvalidOperationException($"split at {input.Split}: {parts}, whole: {whole}");
        }, iter: Cases, print: i => Printable(i.Bytes) + " split " + i.Split.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Random_bytes_never_throw_hang_or_overread()
    {
        var noise = Gen.Select(Gen.Byte.Array[0, 200], Gen.Int[0, 1 << 20], (bytes, seed) => (Bytes: bytes, Split: bytes.Length < 2 ? 1 : 1 + seed % (bytes.Length - 1)));
        Measure("noise", () => noise.Sample(input =>
        {
            var whole = ParserDriver.Run(input.Bytes);
            var parts = ParserDriver.Run(input.Bytes, input.Split);
            if (!parts.SameAs(whole)) throw new InvalidOperationException($"split at {input.Split}: {parts}, whole: {whole}");
        }, iter: Cases, print: i => Printable(i.Bytes)));
    }

    private void Measure(string name, Action sample, long cases = 0)
    {
        cases = cases == 0 ? Cases : cases;
        var clock = Stopwatch.StartNew();
        sample();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {cases} cases in {clock.Elapsed.TotalSeconds:0.0} s, {cases / clock.Elapsed.TotalSeconds:0} cases/s"));
    }

    private static string Printable(byte[] bytes)
        => Encoding.Latin1.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // ---- generators ----

    /// <summary>A stream of responses (the last may be close-delimited) and what parsing it must give.</summary>
    private sealed record GeneratedStream(byte[] Bytes, ParseOutcome Expected);

    private static readonly Gen<string> Token = Gen.OneOf("X-A", "Server", "Date", "Content-Type", "Vary", "ETag", "x_y", "Set-Cookie", "A!#$%&'*+-.^`|~9");

    private static readonly Gen<string> Value = Gen.OneOf(Gen.Const(""), Gen.Char['!', '~'].Array[1, 12].Select(c => new string(c)),
        Gen.OneOf("text/plain; charset=utf-8", "Tue, 01 Dec 2026 10:00:00 GMT", "a\tb", "caf\u00e9", "  padded  ", "\"quoted, with comma\""));

    private static readonly Gen<string> Header = Gen.Select(Token, Value, Gen.OneOf("", " ", "\t", "  "), (name, value, space) => $"{name}:{space}{value}\r\n");

    private static readonly Gen<string> Interim = Gen.OneOf(
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 102 Processing\r\n\r\n",
        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n");

    private static readonly Gen<string> ChunkExtension = Gen.OneOf("", ";a", ";a=b", ";name=\"quoted \\\" value\"", ";x;y=1");

    private static readonly Gen<string> Body = Gen.Char['a', 'z'].Array[0, 40].Select(c => new string(c));

    /// <summary>One response: its text, its status, whether it closes the connection, whether it is close-delimited.</summary>
    private static Gen<(string Text, int Status, bool Close, bool UntilClose)> Response(bool last) =>
        Gen.Select(
            Gen.OneOf("HTTP/1.1", "HTTP/1.0"),
            Gen.OneOf(200, 201, 204, 301, 304, 404, 500, 503),
            Gen.OneOf("", " ", " OK", " Not Quite OK"),
            Gen.Select(Interim.Array[0, 2], Header.Array[0, 4]),
            Gen.OneOf("", "Connection: close\r\n", "Connection: keep-alive\r\n", "Connection: Keep-Alive, Upgrade\r\n"),
            Gen.Int[0, last ? 2 : 1],
            Gen.Select(Body.Array[1, 3], ChunkExtension.Array[4], Header.Array[0, 2]),
            (version, status, reason, interimAndHeaders, connection, framing, chunked) =>
            {
                var (interims, headers) = interimAndHeaders;
                var (chunks, extensions, trailers) = chunked;
                var sb = new StringBuilder();
                foreach (var i in interims) sb.Append(i);
                sb.Append(version).Append(' ').Append(status.ToString(CultureInfo.InvariantCulture)).Append(reason).Append("\r\n");
                foreach (var h in headers) sb.Append(h);
                sb.Append(connection);
                var noBody = status is 204 or 304;
                var body = string.Concat(chunks);
                var untilClose = false;
                if (framing == 0 || noBody)
                {
                    sb.Append("Content-Length: ").Append((noBody ? 0 : body.Length).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
                    if (!noBody) sb.Append(body);
                }
                else if (framing == 1)
                {
                    sb.Append("Transfer-Encoding: chunked\r\n\r\n");
                    for (var c = 0; c < chunks.Length; c++)
                    {
                        if (chunks[c].Length == 0) continue;
                        sb.Append(chunks[c].Length.ToString("x", CultureInfo.InvariantCulture)).Append(extensions[c]).Append("\r\n").Append(chunks[c]).Append("\r\n");
                    }
                    sb.Append('0').Append(extensions[3]).Append("\r\n");
                    foreach (var t in trailers) sb.Append(t);
                    sb.Append("\r\n");
                }
                else
                {
                    sb.Append("\r\n").Append(body);
                    untilClose = true;
                }
                var http10 = version == "HTTP/1.0";
                var close = untilClose || connection.Contains("close", StringComparison.Ordinal) || (http10 && !connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
                return (sb.ToString(), status, close, untilClose);
            });

    private static readonly Gen<GeneratedStream> ValidStream = Gen.Int[1, 3].SelectMany(count =>
        Gen.Select(Response(false).Array[count - 1], Response(true), (first, lastOne) =>
        {
            var all = first.Append(lastOne).ToList();
            var text = new StringBuilder();
            var expected = new List<(int, bool)>();
            foreach (var r in all)
            {
                text.Append(r.Text);
                expected.Add((r.Status, r.Close));
                if (r.Close) break; // nothing after a close is read
            }
            return new GeneratedStream(Encoding.Latin1.GetBytes(text.ToString()), new ParseOutcome(expected, false, false));
        }));

    /// <summary>One edit of a byte stream: overwrite, insert, delete, duplicate a slice, or cut the end.</summary>
    private sealed record Mutation(int Kind, int Position, byte Value, int Length)
    {
        public void Apply(List<byte> bytes)
        {
            if (bytes.Count == 0) { bytes.Add(Value); return; }
            var at = Position % bytes.Count;
            switch (Kind)
            {
                case 0: bytes[at] = Value; break;
                case 1: bytes.Insert(at, Value); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.InsertRange(at, bytes.Skip(at).Take(Length).ToArray()); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
    }

    private static readonly Gen<byte> Interesting = Gen.Frequency(
        (3, Gen.Byte),
        (2, Gen.OneOf((byte)'\r', (byte)'\n', (byte)' ', (byte)'\t', (byte)':', (byte)';', (byte)'0', (byte)'9', (byte)'f', (byte)'"', (byte)',', (byte)'+', (byte)'-')));

    private static readonly Gen<Mutation> Mutations = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 10_000], Interesting, Gen.Int[1, 8],
        (kind, position, value, length) => new Mutation(kind, position, value, length));
}
