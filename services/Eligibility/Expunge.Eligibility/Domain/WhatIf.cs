using Expunge.Contracts;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Domain;

/// <summary>How one policy would decide a run's people: convictions by determination and the policy's three impact
/// numbers (people left with no felony, with no conviction, with nothing in the last seven years).</summary>
public sealed record WhatIfResult(string Policy, int Version, string County, long People, IReadOnlyDictionary<string, long> Determinations, Impact Impact);

/// <summary>
/// Decides a run's people again under other policies without storing anything: what an operator compares before
/// choosing a policy. Sealed convictions stay off every sheet, as when deciding. Pure: histories in, counts out; the
/// people are streamed through one at a time.
/// </summary>
public sealed class WhatIf(IReadOnlyList<Policy> policies, IReadOnlyCollection<ConvictionReport> sealedReports)
{
    private readonly Dictionary<string, long>[] _determinations = [.. policies.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    private readonly ImpactSummary[] _impact = [.. policies.Select(_ => new ImpactSummary())];
    private long _people;

    public void Add(PersonHistory person)
    {
        _people++;
        for (var i = 0; i < policies.Count; i++)
        {
            var outcome = PersonDecisions.Decide(person, policies[i], [], sealedReports);
            foreach (var decided in outcome.Decisions)
            {
                _determinations[i][decided.Decision.Determination] = _determinations[i].GetValueOrDefault(decided.Decision.Determination) + 1;
            }
            _impact[i].Add(outcome.Impact);
        }
    }

    public IReadOnlyList<WhatIfResult> Results() =>
        [.. policies.Select((p, i) => new WhatIfResult(p.Name, p.Version, p.County, _people, _determinations[i], _impact[i].Policy))];
}
