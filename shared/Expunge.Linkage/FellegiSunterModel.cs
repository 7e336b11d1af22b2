namespace Expunge.Linkage;

/// <summary>The weights (log2 m/u) of exact agreement on one record's given name and on its surname.</summary>
public readonly record struct NameWeights(double Given, double Surname);

/// <summary>
/// The Fellegi–Sunter model: for each field and level, m = P(level | same person) and u = P(level | different people);
/// a pair's match weight is the prior log-odds plus the sum of log(m/u) over its fields. u comes from random pairs
/// (nearly all of which are different people); m and the prior are estimated by expectation–maximisation over the
/// candidate pairs, without labels. Exact agreement on a name is weighed by how common that name is (term frequency):
/// two GARCIAs agree by chance far more often than two ZYGMUNTOWICZes.
/// </summary>
public sealed class FellegiSunterModel
{
    public required double[][] M { get; init; }
    public required double[][] U { get; init; }

    /// <summary>Prior probability that a random pair of records is the same person.</summary>
    public required double Prior { get; init; }

    /// <summary>Share of records with each given name / surname (only names seen at least twice; others use 1 ÷ count).</summary>
    public required Dictionary<string, double> GivenNameFrequency { get; init; }
    public required Dictionary<string, double> SurnameFrequency { get; init; }
    public required int RecordCount { get; init; }

    public const int RandomPairs = 200_000;

    /// <summary>Whether the model has a weight for every level the comparison gives (a model stored before a level was
    /// added has not: it must be learnt again before it scores a pair).</summary>
    public bool FitsComparison => M.Length == ComparisonVector.LevelCounts.Length && U.Length == M.Length
        && M.Select((m, f) => m.Length == ComparisonVector.LevelCounts[f] && U[f].Length == m.Length).All(fits => fits);

    /// <summary>Below this share of true pairs with unrelated given names, the twins' pattern
    /// (<see cref="ComparisonVector.Relatives"/>) means two people.</summary>
    public const double RelativesApartBelow = 0.03;

    /// <summary>Whether two records of one family name and date of birth but unrelated given names are relatives (twins)
    /// rather than one person. Where the data show one person's records almost never carry unrelated given names (EM's
    /// m for that level under <see cref="RelativesApartBelow"/>: county records), twins are the likelier reading and the
    /// pair is never linked by the model alone; where they often do (FEBRL, whose generator replaces given names
    /// outright), the pair is one person as its weights say.</summary>
    public bool RelativesApart => M[(int)Field.GivenName][^1] < RelativesApartBelow;

    /// <summary>The least m a level keeps: data-entry errors happen in every field, so no single disagreement (a sex
    /// typed wrong, a mistyped CII) may count as proof of two people (at most about ten bits against).</summary>
    public const double MinimumM = 0.001;

    /// <summary>
    /// Estimates the model without labels. EM over all candidate pairs would learn a biased m: the pairs were chosen
    /// because they agree on a blocking key, so most non-matches among them agree on those fields too and EM takes
    /// them for matches. So, as Splink does, EM runs twice, each time on pairs chosen by one key and without the fields
    /// of that key: on pairs with the same date of birth it learns the names (and the rest), on pairs with similar
    /// names it learns the date of birth (and the rest). The prior comes from the first: the matches found among
    /// same-birth-date pairs, divided by the share of matches whose dates of birth agree.
    /// </summary>
    public static FellegiSunterModel Train(IReadOnlyList<StandardRecord> records, IReadOnlyList<(int A, int B)> candidates,
        Func<int, int>? side = null, int seed = 17) =>
        Train(records, candidates, Compare(records, candidates), side, seed);

    /// <summary>Every candidate pair compared once (in parallel); training and scoring both read the vectors.</summary>
    public static ComparisonVector[] Compare(IReadOnlyList<StandardRecord> records, IReadOnlyList<(int A, int B)> candidates)
    {
        var vectors = new ComparisonVector[candidates.Count];
        Parallel.For(0, candidates.Count, i => vectors[i] = Comparison.Compare(records[candidates[i].A], records[candidates[i].B]));
        return vectors;
    }

    public static FellegiSunterModel Train(IReadOnlyList<StandardRecord> records, IReadOnlyList<(int A, int B)> candidates,
        ComparisonVector[] vectors, Func<int, int>? side = null, int seed = 17)
    {
        var u = EstimateU(records, side, seed);
        // Both sessions are chosen from the vectors alone: the records of millions of pairs are not read again.
        var sameBirthDate = vectors.Where(v => v[Field.DateOfBirth] == 0).ToList();
        var similarNames = vectors.Where(v => v.NamesSoundAlike).ToList();
        // The two sessions are independent: one per core.
        var byBirthDate = Task.Run(() => Expectation(sameBirthDate, u, [Field.DateOfBirth]));
        var (mByNames, _) = Expectation(similarNames, u, [Field.GivenName, Field.Surname]);
        var (mByBirthDate, priorByBirthDate) = byBirthDate.GetAwaiter().GetResult();
        var m = new double[u.Length][];
        for (var f = 0; f < u.Length; f++)
        {
            m[f] = (Field)f switch
            {
                Field.DateOfBirth => mByNames[f],
                Field.GivenName or Field.Surname => mByBirthDate[f],
                _ => [.. mByBirthDate[f].Zip(mByNames[f], (a, b) => (a + b) / 2)],
            };
        }
        double allPairs = side is null
            ? records.Count * (records.Count - 1.0) / 2
            : CountSides(records.Count, side) is var (left, right) ? (double)left * right : 0;
        // Matches among same-birth-date pairs are the matches whose dates agree: m(date exact) of all matches.
        var expectedMatches = priorByBirthDate * sameBirthDate.Count / Math.Max(m[(int)Field.DateOfBirth][0], 0.05);
        return new FellegiSunterModel
        {
            M = m,
            U = u,
            Prior = Math.Clamp(expectedMatches / Math.Max(allPairs, 1), 1e-12, 0.5),
            GivenNameFrequency = Frequencies(records.Select(r => r.Name.Given)),
            SurnameFrequency = Frequencies(records.Select(r => r.Name.Surname)),
            RecordCount = records.Count,
        };
    }

    /// <summary>EM with u fixed: m per level (fields in <paramref name="ignored"/> neither used nor learnt) and the
    /// share of matches among <paramref name="pairs"/>.</summary>
    private static (double[][] M, double Prior) Expectation(IReadOnlyList<ComparisonVector> pairs, double[][] u, Field[] ignored)
    {
        var levels = ComparisonVector.LevelCounts;
        var m = levels.Select(count => Enumerable.Range(0, count).Select(l => l == 0 ? 0.9 : l == count - 1 ? 0.02 : 0.08 / (count - 2)).ToArray()).ToArray();
        Normalise(m);
        var patterns = new Dictionary<ulong, long>();
        foreach (var vector in pairs) patterns[vector.Levels] = patterns.GetValueOrDefault(vector.Levels) + 1;
        var used = Enumerable.Range(0, levels.Length).Where(f => !ignored.Contains((Field)f)).ToArray();
        var prior = 0.3;
        for (var iteration = 0; iteration < 500 && patterns.Count > 0; iteration++)
        {
            var mass = levels.Select(count => new double[count]).ToArray();
            double matches = 0, total = 0;
            foreach (var (packed, count) in patterns)
            {
                var vector = new ComparisonVector(packed);
                double likeMatch = prior, likeNon = 1 - prior;
                foreach (var f in used)
                {
                    var level = vector[(Field)f];
                    if (level < 0) continue;
                    likeMatch *= m[f][level];
                    likeNon *= u[f][level];
                }
                var posterior = likeMatch / (likeMatch + likeNon);
                matches += posterior * count;
                total += count;
                foreach (var f in used)
                {
                    var level = vector[(Field)f];
                    if (level >= 0) mass[f][level] += posterior * count;
                }
            }
            var change = 0.0;
            foreach (var f in used)
            {
                var sum = mass[f].Sum();
                if (sum <= 0) continue;
                for (var l = 0; l < levels[f]; l++)
                {
                    // A small floor keeps a level never seen among matches possible (weight very negative, not -∞).
                    var next = Math.Max(mass[f][l] / sum, MinimumM);
                    change = Math.Max(change, Math.Abs(next - m[f][l]));
                    m[f][l] = next;
                }
            }
            Normalise(m);
            var nextPrior = total > 0 ? Math.Clamp(matches / total, 1e-9, 1 - 1e-9) : prior;
            change = Math.Max(change, Math.Abs(nextPrior - prior));
            prior = nextPrior;
            if (change < 1e-7) break;
        }
        return (m, prior);
    }

    private double[][]? _weights;

    /// <summary>log2(m/u) per field and level, computed once (a model scores millions of pairs).</summary>
    private double[][] Weights => _weights ??= [.. M.Select((m, f) => m.Select((value, level) => Math.Log2(value / U[f][level])).ToArray())];

    /// <summary>The weights of exact agreement on a record's own given name and surname, by how common each is: looked
    /// up once per record, not once per pair.</summary>
    public NameWeights NameWeightsOf(StandardRecord record) => new(
        Math.Log2(M[(int)Field.GivenName][0] / TermFrequency(GivenNameFrequency, record.Name.Given, U[(int)Field.GivenName][0])),
        Math.Log2(M[(int)Field.Surname][0] / TermFrequency(SurnameFrequency, record.Name.Surname, U[(int)Field.Surname][0])));

    /// <summary>Log-odds (base 2) that the pair is one person.</summary>
    public double MatchWeight(StandardRecord a, ComparisonVector vector) => MatchWeight(vector, NameWeightsOf(a));

    /// <param name="names">The first record's <see cref="NameWeightsOf"/>: a name agreeing exactly as written is
    /// weighed by its own frequency, any other agreement by the field's.</param>
    public double MatchWeight(ComparisonVector vector, NameWeights names)
    {
        var weights = Weights;
        var weight = Math.Log2(Prior / (1 - Prior));
        for (var f = 0; f < weights.Length; f++)
        {
            var level = vector[(Field)f];
            if (level < 0) continue;
            weight += (Field)f switch
            {
                Field.GivenName when level == 0 && vector.SameGivenName => names.Given,
                Field.Surname when level == 0 && vector.SameSurname => names.Surname,
                _ => weights[f][level],
            };
        }
        return weight;
    }

    public double Probability(StandardRecord a, ComparisonVector vector) => ToProbability(MatchWeight(a, vector));

    public static double ToProbability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    /// <summary>The chance that two different people share this exact value: its share of the records (a value seen
    /// once is as rare as the data can show). Exact agreement on a name that was typed on one side only is still
    /// weighed by the field's average.</summary>
    private double TermFrequency(Dictionary<string, double> frequency, string value, double average) =>
        frequency.TryGetValue(value, out var share) ? share
        // A model that has seen no names (the default a fresh system starts with) cannot call any name rare.
        : frequency.Count == 0 ? average
        : Math.Min(average, 1.0 / Math.Max(RecordCount, 1));

    private static double[][] EstimateU(IReadOnlyList<StandardRecord> records, Func<int, int>? side, int seed)
    {
        var levels = ComparisonVector.LevelCounts;
        // Laplace smoothing: a level never seen among random pairs (two equal CIIs, say) is rare, not impossible.
        var counts = levels.Select(count => Enumerable.Repeat(1.0, count).ToArray()).ToArray();
        var random = new Random(seed);
        if (records.Count >= 2)
        {
            for (var sampled = 0; sampled < RandomPairs; sampled++)
            {
                var a = random.Next(records.Count);
                var b = random.Next(records.Count);
                if (a == b || (side is not null && side(a) == side(b))) continue;
                var vector = Comparison.Compare(records[a], records[b]);
                for (var f = 0; f < levels.Length; f++)
                {
                    var level = vector[(Field)f];
                    if (level >= 0) counts[f][level]++;
                }
            }
        }
        Normalise(counts);
        return counts;
    }

    private static void Normalise(double[][] probabilities)
    {
        foreach (var row in probabilities)
        {
            var sum = row.Sum();
            for (var l = 0; l < row.Length; l++) row[l] /= sum;
        }
    }

    private static (long, long) CountSides(int count, Func<int, int> side)
    {
        long left = 0;
        for (var i = 0; i < count; i++) if (side(i) == 0) left++;
        return (left, count - left);
    }

    private static Dictionary<string, double> Frequencies(IEnumerable<string> values)
    {
        var counts = values.Where(v => v.Length > 0).CountBy(v => v).ToList();
        double total = counts.Sum(c => c.Value);
        return counts.Where(c => c.Value >= 2).ToDictionary(c => c.Key, c => c.Value / total, StringComparer.Ordinal);
    }
}
