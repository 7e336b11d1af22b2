namespace Expunge.Linkage;

/// <summary>A record already linked to a person.</summary>
public sealed record KnownRecord(StandardRecord Record, Guid PersonId);

/// <summary>Where an incoming record went; <see cref="NewPerson"/>: its person did not exist before this batch.</summary>
public sealed record Assignment(StandardRecord Record, Guid PersonId, bool NewPerson);

/// <summary>Two people found to be one: <see cref="Absorbed"/>'s records now belong to <see cref="Kept"/>.</summary>
public sealed record PersonMerge(Guid Kept, Guid Absorbed);

/// <summary>A pair for a person to look at, with the model's view of it.</summary>
public sealed record ReviewCandidate(StandardRecord A, Guid PersonA, StandardRecord B, Guid PersonB, double Probability, ComparisonVector Vector, string Reason);

public sealed record IncrementalResult(IReadOnlyList<Assignment> Assignments, IReadOnlyList<PersonMerge> Merges, IReadOnlyList<ReviewCandidate> Review);

/// <summary>
/// Links records arriving in batches to the people already known. Each incoming record is compared with the known
/// records that share a blocking key with it (and with the batch's earlier records); it joins the person it links to,
/// or founds a new one; when it links to several people, they are one person and merge: the person with more records
/// keeps its id (fewer references move), the other is redirected. People whose CII numbers differ are never merged by
/// the model: the pair goes to review. Records are taken in a fixed order, so a batch links the same way every time.
/// </summary>
/// <param name="keptApart">Pairs of record ids an operator said are different people: never joined again, however a
/// later record bridges them.</param>
public sealed class IncrementalLinker(FellegiSunterModel model, Func<Guid> newPersonId, IReadOnlySet<(string A, string B)>? keptApart = null)
{
    public IncrementalResult Link(IReadOnlyList<StandardRecord> incoming, IReadOnlyList<KnownRecord> known)
    {
        var personOf = new Dictionary<Guid, Guid>(); // merged person → the person it now is
        var members = new Dictionary<Guid, List<StandardRecord>>();
        // By key hash, as the index files them; only the keys an incoming record has (a candidate's other keys lead
        // nowhere in this batch, and filing them was most of the work).
        var wanted = new HashSet<ulong>();
        foreach (var record in incoming)
        {
            foreach (var (hash, _) in record.BlockingKeys) wanted.Add(hash);
        }
        var blocks = new Dictionary<ulong, List<KnownRecord>>();
        var assignments = new List<Assignment>();
        var merges = new List<PersonMerge>();
        var review = new List<ReviewCandidate>();

        Guid Resolve(Guid person)
        {
            while (personOf.TryGetValue(person, out var next)) person = next;
            return person;
        }
        void Add(KnownRecord r)
        {
            if (!members.TryGetValue(r.PersonId, out var list)) members[r.PersonId] = list = [];
            list.Add(r.Record);
            foreach (var (hash, _) in r.Record.BlockingKeys)
            {
                if (!wanted.Contains(hash)) continue;
                if (!blocks.TryGetValue(hash, out var block)) blocks[hash] = block = [];
                block.Add(r);
            }
        }
        foreach (var r in known) Add(r);

        foreach (var record in incoming.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            var compared = new HashSet<StandardRecord>(ReferenceEqualityComparer.Instance);
            var links = new List<(KnownRecord Other, double Probability)>();
            foreach (var (hash, cap) in record.BlockingKeys)
            {
                if (!blocks.TryGetValue(hash, out var block) || block.Count > cap) continue;
                foreach (var other in block)
                {
                    if (!compared.Add(other.Record)) continue;
                    var vector = Comparison.Compare(record, other.Record);
                    var probability = PairDecision.Probability(model, record, vector);
                    switch (PairDecision.Classify(model, vector, probability))
                    {
                        case PairOutcome.Link:
                            links.Add((other, probability));
                            break;
                        case PairOutcome.Review:
                            review.Add(new ReviewCandidate(other.Record, other.PersonId, record, Guid.Empty, probability, vector,
                                vector.StrongIdsConflict ? "different CII numbers" : vector.CoDefendants ? "co-defendants of one case"
                                : vector.Relatives ? "one family name, different given names" : "uncertain match"));
                            break;
                    }
                }
            }
            // The people this record links to, strongest link first; a person whose CII differs from the others' stays apart.
            var people = links.GroupBy(l => Resolve(l.Other.PersonId)).Select(g => (Person: g.Key, Best: g.Max(l => l.Probability), Via: g.MaxBy(l => l.Probability).Other))
                .OrderByDescending(p => p.Best).ThenBy(p => p.Person).ToList();
            // A person is joined only if none of their records contradicts the new one (a common name without a date
            // of birth looks like many people; their records say they are different).
            // A shared CII is the person whatever else differs (people give police other names and dates).
            var compatible = people.Where(p => !KeptApart(record, members[p.Person])
                && (SharesStrongId(record, members[p.Person]) || !Contradicted([record], members[p.Person]))).ToList();
            foreach (var refused in people.Except(compatible))
            {
                review.Add(new ReviewCandidate(refused.Via.Record, refused.Person, record, Guid.Empty, refused.Best,
                    Comparison.Compare(record, refused.Via.Record), "links to a person whose other records disagree"));
            }
            Guid target;
            if (compatible.Count == 0)
            {
                target = newPersonId();
                assignments.Add(new Assignment(record, target, true));
            }
            else
            {
                var joined = new List<Guid> { compatible[0].Person };
                foreach (var candidate in compatible.Skip(1))
                {
                    var together = joined.SelectMany(p => members[p]).Append(record).ToList();
                    var reason = StrongIdsConflict(together, members[candidate.Person]) ? "would join people with different CII numbers"
                        : together.Any(r => KeptApart(r, members[candidate.Person])) ? "would join people an operator separated"
                        : !SharesStrongId(record, members[candidate.Person]) && Contradicted(together, members[candidate.Person])
                            ? "would join people whose records disagree" : null;
                    if (reason is not null)
                    {
                        review.Add(new ReviewCandidate(candidate.Via.Record, candidate.Person, record, Guid.Empty, candidate.Best,
                            Comparison.Compare(record, candidate.Via.Record), reason));
                        continue;
                    }
                    joined.Add(candidate.Person);
                }
                target = joined.OrderByDescending(p => members[p].Count).ThenBy(p => p).First();
                foreach (var absorbed in joined.Where(p => p != target))
                {
                    personOf[absorbed] = target;
                    members[target].AddRange(members[absorbed]);
                    members.Remove(absorbed);
                    merges.Add(new PersonMerge(target, absorbed));
                }
                assignments.Add(new Assignment(record, target, false));
            }
            Add(new KnownRecord(record, target));
        }
        // Pairs whose incoming side is now placed: name its person; drop pairs that ended up inside one person.
        var placed = new Dictionary<StandardRecord, Guid>(ReferenceEqualityComparer.Instance);
        foreach (var a in assignments) placed[a.Record] = a.PersonId;
        // One question per incoming record: "is this record that person?", asked about its strongest candidate, with
        // how many other people it might also be. A record of a common name without a date of birth is uncertain
        // against dozens of people; a pair per candidate (or per pair of records) would bury a reviewer. The exception
        // is a person whose record reports the same conviction (one case, one charge on about one day): left unasked,
        // that conviction would be decided once for each of them, so that question is kept too (matching settles it
        // when nothing is at stake).
        var finalReview = review
            .Select(r => r with { PersonA = Resolve(r.PersonA), PersonB = Resolve(placed[r.B]) })
            .Where(r => r.PersonA != r.PersonB)
            .GroupBy(r => r.B.Id, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var byLikelihood = g.OrderByDescending(r => r.Probability).ThenBy(r => r.A.Id, StringComparer.Ordinal).ToList();
                var best = byLikelihood[0];
                var others = g.Select(r => r.PersonA).Distinct().Count() - 1;
                var sharingAConviction = byLikelihood.Where(r => r.PersonA != best.PersonA && r.Vector.SharesConviction).DistinctBy(r => r.PersonA);
                return (IEnumerable<ReviewCandidate>)[others == 0 ? best : best with { Reason = $"{best.Reason} (and {others} other possible {(others == 1 ? "person" : "people")})" },
                    .. sharingAConviction];
            })
            .ToList();
        // A person founded here may since have merged into a known one: only people that still exist and did not
        // exist before the batch are new.
        var founded = assignments.Where(a => a.NewPerson).Select(a => a.PersonId).ToHashSet();
        return new IncrementalResult([.. assignments.Select(a => Resolve(a.PersonId) is var person ? a with { PersonId = person, NewPerson = founded.Contains(person) } : a)],
            merges, finalReview);
    }

    /// <summary>Whether one side's records say they are another person than the other side's: an operator kept two of
    /// them apart, their CII numbers differ, they are co-defendants or (where the data say so) twins, one's date of
    /// birth is a generation from the other's, or no date of birth of one side is within a slip of the keys of any of
    /// the other's. A low score alone is not a contradiction: one person's records under an alias and under a swapped
    /// name score low against each other, yet a third record can be both; nor is one odd date among several.</summary>
    private bool Contradicted(IReadOnlyList<StandardRecord> these, IReadOnlyList<StandardRecord> those)
    {
        bool datesOnBothSides = false, datesAgree = false;
        foreach (var a in these)
        {
            foreach (var b in those)
            {
                if (keptApart is not null && (keptApart.Contains((a.Id, b.Id)) || keptApart.Contains((b.Id, a.Id)))) return true;
                var vector = Comparison.Compare(a, b);
                if (PairDecision.SayTwoPeople(model, vector)) return true;
                var dates = vector[Field.DateOfBirth];
                if (dates == Comparison.GenerationApart) return true;
                if (dates >= 0 && Dates.IsWhole(a.DateOfBirth) && Dates.IsWhole(b.DateOfBirth))
                {
                    datesOnBothSides = true;
                    datesAgree |= dates < Comparison.DifferentDatesOfBirth;
                }
            }
        }
        return datesOnBothSides && !datesAgree;
    }

    private bool KeptApart(StandardRecord record, IReadOnlyList<StandardRecord> person) =>
        keptApart is not null && person.Any(r => keptApart.Contains((record.Id, r.Id)) || keptApart.Contains((r.Id, record.Id)));

    private static bool SharesStrongId(StandardRecord record, IReadOnlyList<StandardRecord> person) =>
        record.StrongId.Length > 0 && person.Any(r => r.StrongId == record.StrongId);

    private static bool StrongIdsConflict(IReadOnlyList<StandardRecord> these, IReadOnlyList<StandardRecord> those) =>
        these.Any(a => those.Any(b => PairDecision.StrongIdsConflict(a.StrongId, b.StrongId)));
}
