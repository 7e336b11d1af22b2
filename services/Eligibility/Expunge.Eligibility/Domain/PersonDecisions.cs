using Expunge.Contracts;
using Expunge.Doj;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Domain;

/// <summary>Everything eligibility concluded about one person of a batch.</summary>
public sealed record PersonOutcome(Guid PersonId, IReadOnlyList<(SourceRecord Record, Decision Decision)> Decisions, PersonImpact Impact, int Subjects, bool Decided);

/// <summary>
/// Decides a person's history: each DOJ rap sheet of the person is read with the DOJ conventions and every in-scope
/// conviction decided with the policy of its county: the run's own policy for its county, the county's stored
/// policy for the others. Pure: the policies come in, the decisions go out.
/// </summary>
public static class PersonDecisions
{
    public static PersonOutcome Decide(PersonHistory person, Policy? runPolicy, IReadOnlyList<Policy> countyPolicies)
    {
        var policies = runPolicy is null ? countyPolicies : [runPolicy, .. countyPolicies.Where(p => p.County != runPolicy.County)];
        var decisions = new List<(SourceRecord, Decision)>();
        var impact = new PersonImpact(false, false, false, false, false, false);
        var subjects = 0;
        // Impact numbers are the run policy's (or, without one, the first county policy's).
        var impactPolicy = runPolicy ?? (policies.Count > 0 ? policies[0] : null);
        foreach (var record in person.Records.Where(r => r.Source == "doj"))
        {
            subjects++;
            var sheet = RapSheetOf(record);
            var forSheet = policies.SelectMany(p => EligibilityEngine.Decide(sheet, p)).ToList();
            decisions.AddRange(forSheet.Select(d => (record, d)));
            if (impactPolicy is not null)
            {
                impact = Or(impact, ImpactSummary.Of(sheet, forSheet.Where(d => d.Policy == impactPolicy).ToList(), impactPolicy));
            }
        }
        return new PersonOutcome(person.PersonId, decisions, impact, subjects, Decided: policies.Count > 0);
    }

    public static RapSheet RapSheetOf(SourceRecord record)
    {
        var builder = new RapSheetBuilder(record.SourceRecordId);
        // Ingestion only passes 95-field rows on; a record published straight onto the bus might not, and a row that
        // cannot be read must not make the whole person (or batch) fail.
        foreach (var row in record.Rows.Where(r => r.Fields.Count == DojColumns.Count)) builder.Add(new DojFieldArray(row.Fields));
        return builder.Build();
    }

    private static PersonImpact Or(PersonImpact a, PersonImpact b) => new(
        a.PolicyNoFelonyLeft || b.PolicyNoFelonyLeft, a.PolicyNoConvictionLeft || b.PolicyNoConvictionLeft, a.PolicyNoRecentLeft || b.PolicyNoRecentLeft,
        a.AllNoFelonyLeft || b.AllNoFelonyLeft, a.AllNoConvictionLeft || b.AllNoConvictionLeft, a.AllNoRecentLeft || b.AllNoRecentLeft);
}
