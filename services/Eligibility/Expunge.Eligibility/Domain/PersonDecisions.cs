using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Doj;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Domain;

/// <summary>One decision and the conviction it is about: its key (the source that reported it first: DOJ subject and
/// CNT_ORDER, or a county case and count) and every source that reported it.</summary>
public sealed record DecidedConviction(string Source, string SourceRecordId, string ConvictionKey, Decision Decision, MergedConviction Merged,
    ConvictionFiling Filing);

/// <summary>Everything eligibility concluded about one person of a batch.</summary>
public sealed record PersonOutcome(Guid PersonId, IReadOnlyList<DecidedConviction> Decisions, PersonImpact Impact, int Subjects, bool Decided,
    IReadOnlyList<Guid> Replaces);

/// <summary>
/// Decides a person's history: every source record of the person (DOJ rap sheets, court and DA cases, county events)
/// is merged into one rap sheet on which each conviction appears once (<see cref="ConvictionMerger"/>), and every
/// in-scope conviction is decided with the policy of its county: the run's own policy for its county, the county's
/// stored policy for the others. A conviction the court has sealed is off the sheet: it is not decided again and
/// counts as no one's prior (README "Sealing"). Pure: the policies and the sealed reports come in, the decisions go out.
/// </summary>
public static class PersonDecisions
{
    public static PersonOutcome Decide(PersonHistory person, Policy? runPolicy, IReadOnlyList<Policy> countyPolicies,
        IReadOnlyCollection<ConvictionReport>? sealedReports = null)
    {
        var policies = runPolicy is null ? countyPolicies : [runPolicy, .. countyPolicies.Where(p => p.County != runPolicy.County)];
        var sources = PersonSources.Of(person.Records);
        var counts = sources.Counts;
        // A sealed conviction is off the sheet; one another person also reports, while a reviewer has not said whether
        // the two are one, is decided once, with that person (PersonHistory.DeferredReports).
        var merged = sources.Merge(HomeCounty(runPolicy, countyPolicies)).Without([.. sealedReports ?? [], .. person.DeferredReports]);
        var decisions = policies.SelectMany(p => EligibilityEngine.Decide(merged.Sheet, p)).ToList();
        // Impact numbers are the run policy's (or, without one, the first county policy's).
        var impactPolicy = runPolicy ?? (policies.Count > 0 ? policies[0] : null);
        var impact = impactPolicy is null
            ? new PersonImpact(false, false, false, false, false, false)
            : ImpactSummary.Of(merged.Sheet, [.. decisions.Where(d => d.Policy == impactPolicy)], impactPolicy);
        var names = FilingFacts.NamesOf(person);
        return new PersonOutcome(person.PersonId, [.. decisions.Select(d => Describe(merged, d, counts, names))], impact,
            person.Records.Count(r => r.Source == "doj"), Decided: policies.Count > 0, person.ReplacesPersonIds);
    }

    /// <summary>The county whose court and prosecutors sent the county sources: the run's county, or the only county
    /// with a stored policy. With several and no run policy a county-only conviction is history, not decided.</summary>
    private static string HomeCounty(Policy? runPolicy, IReadOnlyList<Policy> countyPolicies) =>
        runPolicy?.County ?? (countyPolicies.Count == 1 ? countyPolicies[0].County : "");

    public static MergedRecord Merge(PersonHistory person, string homeCounty) => PersonSources.Of(person.Records).Merge(homeCounty);

    private static DecidedConviction Describe(MergedRecord merged, Decision decision, IReadOnlyList<CountyCount> counts, IReadOnlyList<string> names)
    {
        var provenance = merged.Of(decision.Conviction);
        return new DecidedConviction(provenance.Key.Source, provenance.Key.SourceRecordId, provenance.Key.Reference, decision, provenance,
            FilingFacts.Of(decision, provenance, counts, names));
    }
}
