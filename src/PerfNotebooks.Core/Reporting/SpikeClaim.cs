namespace PerfNotebooks.Reporting;

/// <summary>
/// "Flask ... may require additional configurations to handle significant traffic spikes", read as: under a
/// tenfold spike, Flask under Gunicorn's defaults fails more requests or takes longer to recover than Flask
/// with more workers or gevent workers. Needs a spikes block (rate profiles).
/// </summary>
internal static class SpikeClaim
{
    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Under a tenfold traffic spike, Flask under Gunicorn's defaults serves worse (more errors, or a recovery at least 2x longer) than Flask with more workers or gevent workers.";
        return ClaimJudge.NotMeasured(claim, 2,
            "needs a traffic spike (a 'spikes' block: a rate profile with a tenfold spike) against flask-gunicorn with its defaults and configured otherwise; this run has none.");
    }
}
