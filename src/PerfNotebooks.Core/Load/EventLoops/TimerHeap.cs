namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// A loop's timers: at most one per connection (its next intended send at a constant rate, or the end of a connect
/// back-off), kept in a binary min-heap over an array sized once. The connection remembers its slot, so re-arming
/// moves it instead of adding a second entry; nothing is allocated per timer.
/// </summary>
internal sealed class TimerHeap
{
    private readonly Connection[] _heap;
    private int _count;

    public TimerHeap(int capacity) => _heap = new Connection[Math.Max(1, capacity)];

    public int Count => _count;

    /// <summary>When the earliest timer is due; <see cref="long.MaxValue"/> with none.</summary>
    public long NextDue => _count == 0 ? long.MaxValue : _heap[0].TimerAt;

    public void Schedule(Connection connection, long at)
    {
        connection.TimerAt = at;
        if (connection.HeapIndex < 0)
        {
            connection.HeapIndex = _count;
            _heap[_count++] = connection;
            Up(connection.HeapIndex);
        }
        else
        {
            Up(connection.HeapIndex);
            Down(connection.HeapIndex);
        }
    }

    /// <summary>Takes the earliest timer if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out Connection connection)
    {
        if (_count == 0 || _heap[0].TimerAt > now)
        {
            connection = null!;
            return false;
        }
        connection = _heap[0];
        RemoveAt(0);
        return true;
    }

    public void Cancel(Connection connection)
    {
        if (connection.HeapIndex >= 0) RemoveAt(connection.HeapIndex);
    }

    private void RemoveAt(int index)
    {
        var removed = _heap[index];
        removed.HeapIndex = -1;
        _count--;
        if (index == _count)
        {
            _heap[_count] = null!;
            return;
        }
        var last = _heap[_count];
        _heap[_count] = null!;
        _heap[index] = last;
        last.HeapIndex = index;
        Up(index);
        Down(last.HeapIndex);
    }

    private void Up(int index)
    {
        var item = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_heap[parent].TimerAt <= item.TimerAt) break;
            _heap[index] = _heap[parent];
            _heap[index].HeapIndex = index;
            index = parent;
        }
        _heap[index] = item;
        item.HeapIndex = index;
    }

    private void Down(int index)
    {
        var item = _heap[index];
        while (true)
        {
            var child = 2 * index + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _heap[child + 1].TimerAt < _heap[child].TimerAt) child++;
            if (_heap[child].TimerAt >= item.TimerAt) break;
            _heap[index] = _heap[child];
            _heap[index].HeapIndex = index;
            index = child;
        }
        _heap[index] = item;
        item.HeapIndex = index;
    }
}
