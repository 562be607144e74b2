using Microsoft.Data.Analysis;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary><c>run.ToDataFrame()</c> in a notebook: the same table as <see cref="ResultFrames.Results"/>.</summary>
public static class RunRecordFrames
{
    /// <summary>One row per measured cell and repetition (see <see cref="ResultFrames.Results"/>).</summary>
    public static DataFrame ToDataFrame(this RunRecord run) => ResultFrames.Results(run);
}
