using System.Runtime.InteropServices;

namespace Expunge.Linkage;

/// <summary>
/// Which pairs get compared. Several narrow keys, each robust to a different corruption (a typo in the surname, in the
/// date of birth, a swapped name, a missing field), so that a true pair shares at least one key; a pair is compared
/// once however many keys it shares.
/// </summary>
public static class Blocking
{
    /// <summary>Blocks bigger than this (a common name with a missing date, say) are skipped: they would cost
    /// quadratic comparisons for pairs the other keys already propose.</summary>
    public const int MaxBlockSize = 200;

    /// <summary>A date of birth alone: decisive in a small file (FEBRL), useless in a county where dozens share each
    /// date, so its blocks are kept only while small (the date-and-initial keys cover the rest).</summary>
    public const string DateOfBirthKey = "d:";

    public const int MaxDateOfBirthBlockSize = 20;

    /// <summary>A name by sound alone (Soundex of both names): like a date of birth alone, useful only while rare.</summary>
    public const string SoundsLikeKey = "gs:";

    /// <summary>The largest block of this key that is still compared.</summary>
    public static int CapOf(string key) =>
        key.StartsWith(DateOfBirthKey, StringComparison.Ordinal) || key.StartsWith(SoundsLikeKey, StringComparison.Ordinal) ? MaxDateOfBirthBlockSize : MaxBlockSize;

    public static IEnumerable<string> Keys(StandardRecord r)
    {
        var dob = r.DateOfBirth;
        // Keys on the month and day only for a date that has them (a partial date keeps its year).
        var whole = Dates.HasMonthAndDay(dob);
        if (whole) yield return DateOfBirthKey + dob;
        foreach (var name in (IEnumerable<StandardName>)[r.Name, .. r.Aliases])
        {
            var (surnameInitial, givenInitial) = (Initial(name.Surname), Initial(name.Given));
            if (whole)
            {
                // A date of birth alone is shared by dozens of people in a county: with an initial it is narrow.
                if (surnameInitial.Length > 0) yield return $"ds:{dob}{surnameInitial}";
                if (givenInitial.Length > 0) yield return $"dg:{dob}{givenInitial}";
            }
            if (name.Given.Length > 0 && name.Surname.Length > 0)
            {
                // The whole name, order-free (a swapped first and last name lands in the same block): what a record
                // without a date of birth can still be found by.
                var (x, y) = string.CompareOrdinal(name.Given, name.Surname) <= 0 ? (name.Given, name.Surname) : (name.Surname, name.Given);
                yield return $"nm:{x}/{y}";
                // The same by sound, for names typed differently; kept only in small blocks (rare names).
                var (p, q) = string.CompareOrdinal(name.GivenSoundex, name.SurnameSoundex) <= 0
                    ? (name.GivenSoundex, name.SurnameSoundex) : (name.SurnameSoundex, name.GivenSoundex);
                yield return $"{SoundsLikeKey}{p}{q}";
            }
            if (name.Surname.Length > 0 && dob.Length == 8)
            {
                yield return $"sy:{name.Surname}{dob[..4]}{givenInitial}";
                if (whole) yield return $"sm:{name.SurnameSoundex}{dob[4..]}";
            }
            if (name.Given.Length > 0 && dob.Length == 8)
            {
                if (whole) yield return $"gm:{name.Given}{dob[4..]}";
                yield return $"gy:{name.GivenSoundex}{surnameInitial}{dob[..4]}";
            }
        }
        if (r.StrongId.Length > 0) yield return "c:" + r.StrongId;
        // By the case alone, without a co-defendant suffix: DOJ and the DA often drop it.
        foreach (var caseNumber in r.CaseNumbers) yield return "k:" + caseNumber.Base;
        // A charge on a day: what ties a DA row without a case number to the court's row of it. Such a row has nothing
        // else to be found by, so it is filed under the days either side too (its date may be a day off the court's).
        var daysEitherSide = r.CaseNumbers.Count == 0 ? 1 : 0;
        foreach (var charge in r.DatedCharges)
        {
            for (var day = charge.Day - daysEitherSide; day <= charge.Day + daysEitherSide; day++) yield return $"e:{day}/{charge.Section}";
        }
        if (r.NationalId.Length > 0) yield return "n:" + r.NationalId;
        if (r.DriverLicence.Length > 0) yield return "l:" + r.DriverLicence;
        if (r.Postcode.Length > 0 && r.StreetNumber.Length > 0) yield return $"a:{r.Postcode}/{r.StreetNumber}";
        if (r.Postcode.Length > 0 && r.Name.Surname.Length > 0) yield return $"ps:{r.Postcode}/{r.Name.SurnameSoundex}";
        if (r.Postcode.Length > 0 && r.Name.Given.Length > 0) yield return $"pg:{r.Postcode}/{r.Name.GivenSoundex}";
        if (r.Locality.Length > 0 && r.StreetNumber.Length > 0) yield return $"la:{r.Locality}/{r.StreetNumber}";
        if (r.Street.Length > 0 && r.Name.Given.Length > 0) yield return $"sg:{r.Street}/{r.Name.GivenSoundex}";
        if (r.Locality.Length > 0 && r.Name.Surname.Length > 0) yield return $"ls:{r.Locality}/{r.Name.SurnameSoundex}";
    }

    /// <summary>A record's blocking keys, each once, hashed (<see cref="Hash"/>) with its block cap: what an index files the
    /// record under. A record has a few dozen keys at most, so duplicates are found by scanning, not with a set (this
    /// runs for every known candidate of every batch).</summary>
    public static (ulong Hash, int Cap)[] KeyHashes(StandardRecord r)
    {
        var keys = new List<(ulong Hash, int Cap)>(24);
        foreach (var key in Keys(r))
        {
            var (hash, seen) = (Hash(key), false);
            foreach (var k in keys) seen |= k.Hash == hash;
            if (!seen) keys.Add((hash, CapOf(key)));
        }
        return [.. keys];
    }

    /// <summary>FNV-1a over the key's characters: the same on every run and machine (string.GetHashCode is not).</summary>
    internal static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    private static string Initial(string name) => name.Length > 0 ? name[..1] : "";

    /// <summary>Candidate pairs (i &lt; j) of one set of records (deduplication), or across two sets when
    /// <paramref name="side"/> says which set each record is in (linkage: only pairs across the sets). Sorted by
    /// (i, j), each pair once however many keys it shares.</summary>
    public static IReadOnlyList<(int A, int B)> CandidatePairs(IReadOnlyList<StandardRecord> records, Func<int, int>? side = null)
    {
        var count = records.Count;
        // Keys are hashed to 64 bits on every core (the strings are garbage at once). Two keys sharing a hash would
        // only share a block: more pairs compared, none lost.
        var keysOf = new (ulong Hash, int Cap)[count][];
        Parallel.For(0, count, i => keysOf[i] = records[i].BlockingKeys);

        // Blocks numbered per hash partition on every core; then their members laid out in one array, block after
        // block, each block's members in record order.
        const int Partitions = 8;
        var blocksOf = new int[count][];
        for (var i = 0; i < count; i++) blocksOf[i] = new int[keysOf[i].Length];
        var partitionSizes = new List<int>[Partitions];
        var partitionCaps = new List<int>[Partitions];
        Parallel.For(0, Partitions, p =>
        {
            var numbers = new Dictionary<ulong, int>();
            var (sizes, caps) = (partitionSizes[p] = [], partitionCaps[p] = []);
            for (var i = 0; i < count; i++)
            {
                var keys = keysOf[i];
                for (var k = 0; k < keys.Length; k++)
                {
                    if ((int)(keys[k].Hash % Partitions) != p) continue;
                    ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, keys[k].Hash, out var exists);
                    if (!exists)
                    {
                        block = sizes.Count;
                        sizes.Add(0);
                        caps.Add(keys[k].Cap);
                    }
                    sizes[block]++;
                    blocksOf[i][k] = block; // partition-local for now
                }
            }
        });
        var partitionStart = new int[Partitions];
        for (var p = 1; p < Partitions; p++) partitionStart[p] = partitionStart[p - 1] + partitionSizes[p - 1].Count;
        var blockCount = partitionStart[^1] + partitionSizes[^1].Count;
        var start = new int[blockCount + 1];
        var cap = new int[blockCount];
        for (var p = 0; p < Partitions; p++)
        {
            for (var b = 0; b < partitionSizes[p].Count; b++)
            {
                start[partitionStart[p] + b + 1] = partitionSizes[p][b];
                cap[partitionStart[p] + b] = partitionCaps[p][b];
            }
        }
        for (var b = 0; b < blockCount; b++) start[b + 1] += start[b];
        var members = new int[start[blockCount]];
        var fill = start[..blockCount];
        for (var i = 0; i < count; i++)
        {
            var (keys, blocks) = (keysOf[i], blocksOf[i]);
            for (var k = 0; k < blocks.Length; k++)
            {
                blocks[k] += partitionStart[(int)(keys[k].Hash % Partitions)];
                members[fill[blocks[k]]++] = i;
            }
        }
        keysOf = null;

        // Each record's later partners over all its blocks, each once (a stamp per partner instead of a set), on every
        // core over ranges of records, joined in record order.
        const int RangeSize = 4096;
        var ranges = new List<(int, int)>[(count + RangeSize - 1) / RangeSize];
        Parallel.For(0, ranges.Length, () => Enumerable.Repeat(-1, count).ToArray(), (range, _, stamp) =>
        {
            var pairs = new List<(int, int)>();
            var partners = new List<int>();
            for (var i = range * RangeSize; i < Math.Min(count, (range + 1) * RangeSize); i++)
            {
                partners.Clear();
                foreach (var block in blocksOf[i])
                {
                    var size = start[block + 1] - start[block];
                    if (size < 2 || size > cap[block]) continue;
                    var list = members.AsSpan(start[block], size);
                    for (var at = list.BinarySearch(i) + 1; at < list.Length; at++)
                    {
                        var j = list[at];
                        if (stamp[j] == i || (side is not null && side(i) == side(j))) continue;
                        stamp[j] = i;
                        partners.Add(j);
                    }
                }
                partners.Sort();
                foreach (var j in partners) pairs.Add((i, j));
            }
            ranges[range] = pairs;
            return stamp;
        }, _ => { });
        var unique = new List<(int, int)>(ranges.Sum(r => r.Count));
        foreach (var range in ranges) unique.AddRange(range);
        return unique;
    }
}
