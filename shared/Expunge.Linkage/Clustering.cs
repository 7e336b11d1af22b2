namespace Expunge.Linkage;

/// <summary>
/// Turns linked pairs into people. Links are applied strongest first; two groups whose records carry different strong
/// identifiers, or who are two defendants of one case, are never joined by a link (the pair goes to review instead), so
/// one bad link cannot chain two people with different CII numbers, or two co-defendants, together.
/// </summary>
public sealed class Clustering
{
    private readonly int[] _parent;
    private readonly string[] _strongId;
    private readonly byte[] _apart; // bit 1: holds the first record kept apart, bit 2: the second
    private readonly List<CaseKey>?[] _defendantKeys; // per group: its case keys that name a co-defendant suffix

    /// <param name="keepApart">Two records (indexes) an operator said are different people, or null.</param>
    public Clustering(IReadOnlyList<StandardRecord> records, (int A, int B)? keepApart = null)
    {
        _parent = [.. Enumerable.Range(0, records.Count)];
        _strongId = [.. records.Select(r => r.StrongId)];
        _apart = new byte[records.Count];
        _defendantKeys = [.. records.Select(r => r.CaseNumbers.Any(c => c.Suffix.Length > 0) ? r.CaseNumbers.Where(c => c.Suffix.Length > 0).ToList() : null)];
        if (keepApart is { } apart)
        {
            _apart[apart.A] |= 1;
            _apart[apart.B] |= 2;
        }
    }

    public int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }

    /// <summary>Joins the groups of a and b unless their strong identifiers conflict; false when refused.</summary>
    public bool TryUnion(int a, int b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra == rb) return true;
        if (PairDecision.StrongIdsConflict(_strongId[ra], _strongId[rb]) || (_apart[ra] | _apart[rb]) == 3) return false;
        if (_defendantKeys[ra] is { } keysA && _defendantKeys[rb] is { } keysB && CaseKey.Compare(keysA, keysB) == CaseAgreement.CoDefendants) return false;
        // The smaller index stays the root: the result does not depend on the order links arrive in.
        var (root, child) = ra < rb ? (ra, rb) : (rb, ra);
        _parent[child] = root;
        _apart[root] |= _apart[child];
        if (_defendantKeys[child] is { } childKeys) (_defendantKeys[root] ??= []).AddRange(childKeys);
        if (_strongId[root].Length == 0) _strongId[root] = _strongId[child];
        return true;
    }

    /// <summary>Groups records into people from scored pairs; refused links become review pairs.</summary>
    public static (int[] GroupOf, IReadOnlyList<ScoredPair> Review) Group(IReadOnlyList<StandardRecord> records, IEnumerable<ScoredPair> pairs,
        (int A, int B)? keepApart = null)
    {
        var clustering = new Clustering(records, keepApart);
        var review = new List<ScoredPair>();
        // Only links and review pairs matter here: the non-links (nearly all pairs) are never sorted.
        foreach (var pair in pairs.Where(p => p.Outcome != PairOutcome.NonLink).OrderByDescending(p => p.Probability).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            if (pair.Outcome == PairOutcome.Review) review.Add(pair);
            else if (pair.Outcome == PairOutcome.Link && !clustering.TryUnion(pair.A, pair.B)) review.Add(pair with { Outcome = PairOutcome.Review });
        }
        return ([.. Enumerable.Range(0, records.Count).Select(clustering.Find)], review);
    }
}
