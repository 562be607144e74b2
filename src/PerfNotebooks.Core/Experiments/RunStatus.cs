namespace PerfNotebooks.Experiments;

/// <summary>Where a stored run stands.</summary>
public enum RunStatus
{
    /// <summary>Cells are being measured now (or the process died without saying: resume it).</summary>
    Running,

    /// <summary>Stopped by Ctrl-C or an error before every cell was measured: <c>perfnb compare --resume</c> finishes it.</summary>
    Interrupted,

    /// <summary>Every cell of the plan is stored and measured.</summary>
    Complete,

    /// <summary>Every cell was tried and some failed (their reasons are stored): <c>perfnb compare --resume</c> retries them.</summary>
    Incomplete,
}
