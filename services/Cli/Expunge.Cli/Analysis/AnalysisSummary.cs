using System.Globalization;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Analysis;

/// <summary>summary.json (eligibility.md, "Summary"): the counts and impact numbers an analyst compares policies by.</summary>
public static class AnalysisSummary
{
    public static Dictionary<string, object?> Create(Policy policy, long inputRows, long rejectedRows, int people,
        IReadOnlyList<Decision> decisions, ImpactSummary impact, TimeSpan elapsed) => new()
    {
        ["county"] = policy.County,
        ["policy"] = policy.Name,
        ["policy_version"] = policy.Version,
        ["as_of"] = policy.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["input_rows"] = inputRows,
        ["rejected_rows"] = rejectedRows,
        ["people"] = people,
        ["people_with_convictions_in_scope"] = decisions.Select(d => d.Person.SubjectId).Distinct().Count(),
        ["convictions_in_scope"] = decisions.Count,
        ["by_determination"] = Determinations.All.ToDictionary(d => d, d => decisions.Count(x => x.Determination == d)),
        ["by_determination_and_section"] = Determinations.All.ToDictionary(d => d, d => decisions
            .Where(x => x.Determination == d)
            .GroupBy(x => x.Offense.Section)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count())),
        ["by_reason"] = decisions.GroupBy(d => d.ReasonCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        ["impact"] = new Dictionary<string, object>
        {
            ["policy"] = ImpactJson(impact.Policy),
            ["dismiss_all_prop64"] = ImpactJson(impact.DismissAllProp64),
        },
        ["processing_seconds"] = Math.Round(elapsed.TotalSeconds, 2),
    };

    private static Dictionary<string, int> ImpactJson(Impact impact) => new()
    {
        ["no_felony_left"] = impact.NoFelonyLeft,
        ["no_conviction_left"] = impact.NoConvictionLeft,
        ["no_conviction_in_last_7_years_left"] = impact.NoConvictionInLast7YearsLeft,
    };
}
