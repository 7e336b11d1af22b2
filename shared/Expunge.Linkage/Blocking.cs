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
        if (dob.Length == 8) yield return DateOfBirthKey + dob;
        foreach (var name in (IEnumerable<StandardName>)[r.Name, .. r.Aliases])
        {
            var (surnameInitial, givenInitial) = (Initial(name.Surname), Initial(name.Given));
            if (dob.Length == 8)
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
                yield return $"sm:{name.SurnameSoundex}{dob[4..]}";
            }
            if (name.Given.Length > 0 && dob.Length == 8)
            {
                yield return $"gm:{name.Given}{dob[4..]}";
                yield return $"gy:{name.GivenSoundex}{surnameInitial}{dob[..4]}";
            }
        }
        if (r.StrongId.Length > 0) yield return "c:" + r.StrongId;
        foreach (var caseNumber in r.CaseNumbers) yield return "k:" + caseNumber;
        if (r.NationalId.Length > 0) yield return "n:" + r.NationalId;
        if (r.DriverLicence.Length > 0) yield return "l:" + r.DriverLicence;
        if (r.Postcode.Length > 0 && r.StreetNumber.Length > 0) yield return $"a:{r.Postcode}/{r.StreetNumber}";
        if (r.Postcode.Length > 0 && r.Name.Surname.Length > 0) yield return $"ps:{r.Postcode}/{r.Name.SurnameSoundex}";
        if (r.Postcode.Length > 0 && r.Name.Given.Length > 0) yield return $"pg:{r.Postcode}/{r.Name.GivenSoundex}";
        if (r.Locality.Length > 0 && r.StreetNumber.Length > 0) yield return $"la:{r.Locality}/{r.StreetNumber}";
        if (r.Street.Length > 0 && r.Name.Given.Length > 0) yield return $"sg:{r.Street}/{r.Name.GivenSoundex}";
        if (r.Locality.Length > 0 && r.Name.Surname.Length > 0) yield return $"ls:{r.Locality}/{r.Name.SurnameSoundex}";
    }

    private static string Initial(string name) => name.Length > 0 ? name[..1] : "";

    /// <summary>Candidate pairs (i &lt; j) of one set of records (deduplication), or across two sets when
    /// <paramref name="side"/> says which set each record is in (linkage: only pairs across the sets).</summary>
    public static IReadOnlyList<(int A, int B)> CandidatePairs(IReadOnlyList<StandardRecord> records, Func<int, int>? side = null)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var key in Keys(records[i]).Distinct())
            {
                if (!blocks.TryGetValue(key, out var members)) blocks[key] = members = [];
                members.Add(i);
            }
        }
        // Pairs as one number each (smaller index high), sorted and made unique: far cheaper than a hash set when a
        // pair shares several keys, as true pairs do.
        var pairs = new List<long>();
        foreach (var (key, members) in blocks)
        {
            if (members.Count < 2 || members.Count > CapOf(key)) continue;
            for (var x = 0; x < members.Count; x++)
            {
                for (var y = x + 1; y < members.Count; y++)
                {
                    var (a, b) = (members[x], members[y]);
                    if (side is not null && side(a) == side(b)) continue;
                    pairs.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b));
                }
            }
        }
        var sorted = pairs.ToArray();
        pairs = null;
        Array.Sort(sorted);
        var unique = new List<(int, int)>(sorted.Length / 2);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] == sorted[i - 1]) continue;
            unique.Add(((int)(sorted[i] >> 32), (int)(sorted[i] & 0xFFFF_FFFF)));
        }
        return unique;
    }
}
