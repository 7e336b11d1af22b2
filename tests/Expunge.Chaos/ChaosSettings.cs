using System.Globalization;

namespace Expunge.Chaos;

/// <summary>
/// How big the runs are and how long each fault lasts. CI runs the small matrix (a few hundred people, outages of
/// seconds, one victim per fault point); <c>EXPUNGE_CHAOS_MATRIX=full</c> (<c>./expunge chaos --full</c>) runs every
/// victim at every point, with a broker cut off for a minute and a consumer paused for three.
/// </summary>
/// <param name="Only">Run only the faults whose name contains this (<c>EXPUNGE_CHAOS_ONLY</c>, <c>--only</c>).</param>
public sealed record ChaosSettings(bool Full, int People, int RecordsPerBatch, TimeSpan Outage, TimeSpan Pause, string? JsonPath, string? Only = null)
{
    public static ChaosSettings FromEnvironment()
    {
        var full = string.Equals(Environment.GetEnvironmentVariable("EXPUNGE_CHAOS_MATRIX"), "full", StringComparison.OrdinalIgnoreCase);
        var json = Environment.GetEnvironmentVariable("EXPUNGE_CHAOS_JSON");
        var only = Environment.GetEnvironmentVariable("EXPUNGE_CHAOS_ONLY");
        var settings = full
            ? new ChaosSettings(true, People: Number("EXPUNGE_CHAOS_PEOPLE", 3000), RecordsPerBatch: 25, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(3), json)
            : new ChaosSettings(false, People: Number("EXPUNGE_CHAOS_PEOPLE", 250), RecordsPerBatch: 10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), json);
        return settings with { Only = string.IsNullOrWhiteSpace(only) ? null : only };
    }

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>How long a run may take to finish once its fault has ended, before the suite calls it stuck.</summary>
    public TimeSpan Patience => Full ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(4);
}
