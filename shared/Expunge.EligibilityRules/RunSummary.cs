using System.Globalization;

namespace Expunge.EligibilityRules;

/// <summary>What summary.json counts of one decided conviction.</summary>
public sealed record SummaryRow(string SubjectId, string Determination, string Section, string ReasonCode);

/// <summary>
/// summary.json (eligibility.md, "Summary"), built the same way by the offline analysis and from the services'
/// stored results, so both write the same file.
/// </summary>
public static class RunSummary
{
    public static Dictionary<string, object?> Create(Policy policy, long inputRows, long rejectedRows, long people,
        IReadOnlyList<SummaryRow> rows, Impact policyImpact, Impact allImpact, double processingSeconds) => new()
    {
        ["county"] = policy.County,
        ["policy"] = policy.Name,
        ["policy_version"] = policy.Version,
        ["as_of"] = policy.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["input_rows"] = inputRows,
        ["rejected_rows"] = rejectedRows,
        ["people"] = people,
        ["people_with_convictions_in_scope"] = rows.Select(r => r.SubjectId).Distinct().Count(),
        ["convictions_in_scope"] = rows.Count,
        ["by_determination"] = Determinations.All.ToDictionary(d => d, d => rows.Count(x => x.Determination == d)),
        ["by_determination_and_section"] = Determinations.All.ToDictionary(d => d, d => rows
            .Where(x => x.Determination == d)
            .GroupBy(x => x.Section)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count())),
        ["by_reason"] = rows.GroupBy(d => d.ReasonCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        ["impact"] = new Dictionary<string, object>
        {
            ["policy"] = ImpactJson(policyImpact),
            ["dismiss_all_prop64"] = ImpactJson(allImpact),
        },
        ["processing_seconds"] = Math.Round(processingSeconds, 2),
    };

    private static Dictionary<string, int> ImpactJson(Impact impact) => new()
    {
        ["no_felony_left"] = impact.NoFelonyLeft,
        ["no_conviction_left"] = impact.NoConvictionLeft,
        ["no_conviction_in_last_7_years_left"] = impact.NoConvictionInLast7YearsLeft,
    };
}
