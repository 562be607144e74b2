namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// Bounds a loop's connects in flight. Opening thousands of connections at once floods the server's accept queue
/// (Python servers listen with a backlog of 100-2048): dropped SYNs come back only after the kernel's 1 s
/// retransmission, so a burst opens slower than a paced stream. A connect asks for a slot; without one it waits in
/// FIFO order and the loop admits it when a connect in flight ends. Admission never happens inside a completion
/// (<see cref="Release"/> only frees the slot), so a run of immediate failures cannot recurse.
/// </summary>
internal sealed class ConnectGate
{
    private readonly Connection[] _queue;
    private readonly int _limit;
    private int _head;
    private int _count;
    private int _inFlight;

    public ConnectGate(int capacity, int limit)
    {
        _queue = new Connection[Math.Max(1, capacity)];
        _limit = Math.Max(1, limit);
    }

    public int InFlight => _inFlight;

    /// <summary>True when queued connections could start now.</summary>
    public bool CanAdmit => _count > 0 && _inFlight < _limit;

    /// <summary>Starts the connect now if a slot is free and nobody is queued; otherwise queues it.</summary>
    public void Request(Connection connection, long now)
    {
        if (_count == 0 && _inFlight < _limit)
        {
            _inFlight++;
            connection.BeginConnect(now);
            return;
        }
        connection.State = ConnectionState.WaitingToConnect;
        _queue[(_head + _count) % _queue.Length] = connection;
        _count++;
    }

    /// <summary>A connect in flight ended (either way).</summary>
    public void Release()
    {
        if (_inFlight > 0) _inFlight--;
    }

    /// <summary>Starts queued connects while slots are free (called by the loop between completions).</summary>
    public void Admit(long now)
    {
        while (_count > 0 && _inFlight < _limit)
        {
            var connection = _queue[_head];
            _queue[_head] = null!;
            _head = (_head + 1) % _queue.Length;
            _count--;
            if (connection.State != ConnectionState.WaitingToConnect) continue;
            _inFlight++;
            connection.BeginConnect(now);
        }
    }
}
