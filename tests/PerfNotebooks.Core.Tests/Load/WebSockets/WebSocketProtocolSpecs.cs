using System.Text;
using CsCheck;
using PerfNotebooks.Load.WebSockets;

namespace PerfNotebooks.Core.Tests.Load.WebSockets;

/// <summary>
/// The WebSocket client's protocol pieces on their own (RFC 6455): masking, client frames, reading server frames
/// in any pieces, the opening handshake, the load message; with the RFC's own examples, generated cases, and
/// no allocation per message.
/// </summary>
public sealed class WebSocketProtocolSpecs
{
    // RFC 6455 section 5.7: "Hello", masked with 37 fa 21 3d.
    private static readonly byte[] RfcMaskedHello = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

    [Fact]
    public void A_masked_text_frame_is_byte_for_byte_the_RFCs_example()
    {
        var frame = new byte[16];
        var written = WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, "Hello"u8, 0x37fa213d);
        Assert.Equal(RfcMaskedHello, frame[..written]);
    }

    [Theory]
    [InlineData(0, 6)]
    [InlineData(125, 6)]
    [InlineData(126, 8)]
    [InlineData(65535, 8)]
    [InlineData(65536, 14)]
    public void Payload_lengths_take_the_shortest_encoding(int length, int header)
    {
        Assert.Equal(header, WebSocketFrameWriter.HeaderLength(length));
        var frame = new byte[header + length];
        WebSocketFrameWriter.Write(frame, WebSocketOpcode.Binary, new byte[length], 0x01020304);
        Assert.Equal(0x82, frame[0]);
        Assert.Equal(length <= 125 ? 0x80 | length : length <= 65535 ? 0x80 | 126 : 0x80 | 127, frame[1]);
    }

    [Fact]
    public void A_payload_written_in_place_is_masked_where_it_lies_and_equals_a_copied_frame()
    {
        var payload = Encoding.ASCII.GetBytes(new string('p', 300));
        var copied = new byte[400];
        var n = WebSocketFrameWriter.Write(copied, WebSocketOpcode.Text, payload, 0xdeadbeef);
        var inPlace = new byte[400];
        payload.CopyTo(inPlace.AsSpan(WebSocketFrameWriter.HeaderLength(payload.Length)));
        var m = WebSocketFrameWriter.WriteInPlace(inPlace, WebSocketOpcode.Text, payload.Length, 0xdeadbeef);
        Assert.Equal(copied[..n], inPlace[..m]);
    }

    [Fact]
    public void Control_frames_longer_than_125_bytes_or_fragmented_are_refused()
    {
        var frame = new byte[300];
        Assert.Throws<ArgumentException>(() => WebSocketFrameWriter.Write(frame, WebSocketOpcode.Ping, new byte[126], 1));
        Assert.Throws<ArgumentException>(() => WebSocketFrameWriter.Write(frame, WebSocketOpcode.Pong, new byte[4], 1, fin: false));
    }

    [Fact]
    public void Masking_agrees_with_the_byte_by_byte_definition_for_any_length_key_and_offset()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.UInt, Gen.Int[0, 7]).Sample((data, key, offset) =>
        {
            var expected = data.ToArray();
            var keyBytes = new[] { (byte)(key >> 24), (byte)(key >> 16), (byte)(key >> 8), (byte)key };
            for (var i = 0; i < expected.Length; i++) expected[i] ^= keyBytes[(i + offset) % 4];
            var actual = data.ToArray();
            WebSocketMask.Apply(actual, key, offset);
            if (!actual.SequenceEqual(expected)) throw new InvalidOperationException($"length {data.Length}, key {key:x8}, offset {offset}");
            WebSocketMask.Apply(actual, key, offset);
            if (!actual.SequenceEqual(data)) throw new InvalidOperationException("masking twice did not restore the payload");
        }, iter: 5_000);
    }

    [Fact]
    public void The_RFCs_server_frames_read_as_messages_pings_and_a_close()
    {
        var sink = new RecordingSink();
        var reader = new WebSocketFrameReader();
        byte[] stream =
        [
            0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f,             // "Hello", unmasked
            0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f, // "Hel" + "lo", fragmented
            0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f,             // ping "Hello"
            .. ServerFrames.Frame(WebSocketOpcode.Binary, new byte[256]),
            .. ServerFrames.Frame(WebSocketOpcode.Binary, new byte[65536]),
            0x8A, 0x00,                                             // an empty pong
            0x88, 0x02, 0x03, 0xe8,                                 // close 1000
        ];
        Assert.True(reader.Read(stream, sink));
        Assert.Equal(WebSocketProtocolError.None, reader.Error);
        Assert.Equal(4, sink.Messages.Count);
        Assert.Equal("Hello", Encoding.ASCII.GetString(sink.Messages[0].Head));
        Assert.Equal("Hello", Encoding.ASCII.GetString(sink.Messages[1].Head));
        Assert.Equal(WebSocketOpcode.Text, sink.Messages[1].Opcode);
        Assert.Equal((WebSocketOpcode.Binary, 256L), (sink.Messages[2].Opcode, sink.Messages[2].Length));
        Assert.Equal(WebSocketFrameReader.HeadCapacity, sink.Messages[2].Head.Length);
        Assert.Equal(65536, sink.Messages[3].Length);
        Assert.Equal("Hello", Encoding.ASCII.GetString(Assert.Single(sink.Pings)));
        Assert.Empty(Assert.Single(sink.Pongs));
        Assert.Equal(1000, Assert.Single(sink.Closes));
    }

    [Fact]
    public void Messages_split_anywhere_read_the_same_as_whole()
    {
        var message = Gen.Select(Gen.OneOf(WebSocketOpcode.Text, WebSocketOpcode.Binary), Gen.Byte.Array[0, 70_000], Gen.Int[1, 4],
            (opcode, payload, fragments) => (Opcode: opcode, Payload: payload, Fragments: fragments));
        Gen.Select(message.Array[1, 4], Gen.Int[1, 1 << 20], Gen.Bool).Sample((messages, seed, withPing) =>
        {
            var bytes = new List<byte>();
            foreach (var (opcode, payload, fragments) in messages)
            {
                var size = Math.Max(1, payload.Length / fragments);
                for (var at = 0; ; at += size)
                {
                    var last = at + size >= payload.Length;
                    var piece = payload.AsSpan(at, last ? payload.Length - at : size);
                    bytes.AddRange(ServerFrames.Frame(at == 0 ? opcode : WebSocketOpcode.Continuation, piece, fin: last));
                    // A ping may arrive between the fragments of a message.
                    if (withPing && !last) bytes.AddRange(ServerFrames.Frame(WebSocketOpcode.Ping, "p"u8));
                    if (last) break;
                }
            }
            var all = bytes.ToArray();
            var random = new Random(seed);
            var sink = new RecordingSink();
            var reader = new WebSocketFrameReader();
            for (var at = 0; at < all.Length;)
            {
                var n = Math.Min(all.Length - at, random.Next(1, 5000));
                if (!reader.Read(all.AsSpan(at, n), sink)) throw new InvalidOperationException($"error {reader.Error} at byte {at}");
                at += n;
            }
            if (sink.Messages.Count != messages.Length) throw new InvalidOperationException($"{sink.Messages.Count} messages, {messages.Length} sent");
            for (var i = 0; i < messages.Length; i++)
            {
                var (opcode, payload, _) = messages[i];
                var got = sink.Messages[i];
                if (got.Opcode != opcode || got.Length != payload.Length || !got.Head.SequenceEqual(payload.Take(WebSocketFrameReader.HeadCapacity)))
                    throw new InvalidOperationException($"message {i}: {got.Opcode} {got.Length} bytes, sent {opcode} {payload.Length}");
            }
        }, iter: 300);
    }

    public static TheoryData<byte[], WebSocketProtocolError> Violations => new()
    {
        { ServerFrames.Frame(WebSocketOpcode.Text, "x"u8, masked: true), WebSocketProtocolError.MaskedServerFrame },
        { ServerFrames.Frame(WebSocketOpcode.Text, "x"u8, firstByteExtra: 0x40), WebSocketProtocolError.ReservedBits },
        { ServerFrames.Frame((WebSocketOpcode)0x3, "x"u8), WebSocketProtocolError.UnknownOpcode },
        { ServerFrames.Frame(WebSocketOpcode.Ping, new byte[126]), WebSocketProtocolError.BadControlFrame },
        { ServerFrames.Frame(WebSocketOpcode.Pong, "x"u8, fin: false), WebSocketProtocolError.BadControlFrame },
        { ServerFrames.Frame(WebSocketOpcode.Continuation, "x"u8), WebSocketProtocolError.BadFragmentation },
        { [.. ServerFrames.Frame(WebSocketOpcode.Text, "a"u8, fin: false), .. ServerFrames.Frame(WebSocketOpcode.Text, "b"u8)], WebSocketProtocolError.BadFragmentation },
        { [0x82, 0x7E, 0x00, 0x05, 1, 2, 3, 4, 5], WebSocketProtocolError.BadLength },
        { [0x88, 0x01, 0x03], WebSocketProtocolError.BadClosePayload },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_stream_that_breaks_the_protocol_stops_the_reader_with_the_reason(byte[] bytes, WebSocketProtocolError expected)
    {
        var reader = new WebSocketFrameReader();
        Assert.False(reader.Read(bytes, new RecordingSink()));
        Assert.Equal(expected, reader.Error);
        Assert.False(reader.Read(ServerFrames.Frame(WebSocketOpcode.Text, "after"u8), new RecordingSink()));
        reader.Reset();
        Assert.True(reader.Read(ServerFrames.Frame(WebSocketOpcode.Text, "after"u8), new RecordingSink()));
    }

    [Fact]
    public void The_handshake_asks_for_an_upgrade_and_accepts_the_RFCs_answer()
    {
        var handshake = WebSocketHandshake.Create(new Uri("ws://127.0.0.1:8000/ws/broadcast?room=3"), "dGhlIHNhbXBsZSBub25jZQ==");
        var request = Encoding.ASCII.GetString(handshake.Request.Span);
        Assert.StartsWith("GET /ws/broadcast?room=3 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n", request);
        Assert.Contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", request);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.AcceptFor("dGhlIHNhbXBsZSBub25jZQ=="));

        var answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"u8.ToArray();
        byte[] withFrame = [.. answer, 0x81, 0x00];
        Assert.Equal(WebSocketHandshakeOutcome.NeedMore, handshake.Read(withFrame.AsSpan(0, answer.Length - 1), out _));
        Assert.Equal(WebSocketHandshakeOutcome.Upgraded, handshake.Read(withFrame, out var consumed));
        Assert.Equal(answer.Length, consumed);
        Assert.Equal(101, handshake.Status);
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", WebSocketHandshakeOutcome.Refused, 404, "Not Found")]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n", WebSocketHandshakeOutcome.Refused, 400, "Bad Request")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!", WebSocketHandshakeOutcome.Refused, 200, "OK")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong=\r\n\r\n", WebSocketHandshakeOutcome.Invalid, 101, "Sec-WebSocket-Accept 'wrong=' is not 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", WebSocketHandshakeOutcome.Invalid, 101, "101 without 'Upgrade: websocket'")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", WebSocketHandshakeOutcome.Invalid, 101, "the server chose an extension not asked for (permessage-deflate)")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", WebSocketHandshakeOutcome.Invalid, 0, "the answer is not HTTP")]
    public void An_answer_that_is_not_a_valid_upgrade_is_a_refusal_with_its_status_or_invalid_with_the_reason(string answer, WebSocketHandshakeOutcome outcome, int status, string detail)
    {
        var handshake = WebSocketHandshake.Create(new Uri("ws://127.0.0.1:8000/ws/echo"), "dGhlIHNhbXBsZSBub25jZQ==");
        Assert.Equal(outcome, handshake.Read(Encoding.ASCII.GetBytes(answer), out _));
        Assert.Equal(status, handshake.Status);
        Assert.Equal(detail, handshake.Detail);
    }

    [Fact]
    public void A_load_message_carries_its_send_time_sender_and_number_and_reads_back()
    {
        var message = new byte[64];
        WebSocketLoadMessage.Write(message, 0x0123456789abcdef, 42, 7);
        Assert.StartsWith("perfnb 0123456789abcdef 0000002a 00000007x", Encoding.ASCII.GetString(message));
        Assert.True(WebSocketLoadMessage.TryRead(message, out var ticks, out var sender, out var number));
        Assert.Equal((0x0123456789abcdefL, 42u, 7u), (ticks, sender, number));
        Assert.False(WebSocketLoadMessage.TryRead("Hello, World! this is not a load message at all"u8, out _, out _, out _));
        Assert.Throws<ArgumentException>(() => WebSocketLoadMessage.Write(new byte[20], 1, 1, 1));
    }

    [Fact]
    public void Writing_and_reading_a_hundred_thousand_messages_allocates_nothing()
    {
        var sendBuffer = new byte[256];
        var server = ServerFrames.Frame(WebSocketOpcode.Text, new byte[64]);
        var reader = new WebSocketFrameReader();
        var sink = new CountingSink();
        var keys = MaskKeySource.FromSeed(1);
        // Warm up (JIT, tiering) before counting.
        for (var i = 0; i < 1000; i++) Round(i);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++) Round(i);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(101_000, sink.Messages);

        void Round(int i)
        {
            var header = WebSocketFrameWriter.HeaderLength(64);
            WebSocketLoadMessage.Write(sendBuffer.AsSpan(header, 64), i, 1, (uint)i);
            WebSocketFrameWriter.WriteInPlace(sendBuffer, WebSocketOpcode.Text, 64, keys.Next());
            reader.Read(server, sink);
        }
    }

    [Fact]
    public void Mask_keys_from_one_seed_repeat_and_never_stick_at_zero()
    {
        var a = MaskKeySource.FromSeed(0);
        var b = MaskKeySource.FromSeed(0);
        var keys = Enumerable.Range(0, 1000).Select(_ => a.Next()).ToList();
        Assert.Equal(keys, Enumerable.Range(0, 1000).Select(_ => b.Next()));
        Assert.DoesNotContain(0u, keys);
        Assert.True(keys.Distinct().Count() > 990);
    }
}
