namespace PerfNotebooks.Experiments;

/// <summary>How a plan's load levels are read: connection counts (closed loop) or request rates (open loop).</summary>
public enum LoadModel
{
    /// <summary>Each level is a number of connections, each sending its next request when the last answer arrives.</summary>
    ClosedLoop,

    /// <summary>Each level is a rate in requests per second (coordinated-omission corrected).</summary>
    ConstantRate,
}
