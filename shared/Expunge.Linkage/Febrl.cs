namespace Expunge.Linkage;

/// <summary>
/// The FEBRL benchmark files (../shared/data/febrl/README.md): comma-and-space separated, every field text, empty =
/// missing. The true identity is in <c>rec_id</c> (<c>rec-N-org</c>, <c>rec-N-dup-k</c>) and only the evaluation reads it.
/// </summary>
public static class Febrl
{
    public static IReadOnlyList<LinkageRecord> Read(TextReader reader, bool withNationalId = true)
    {
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToList()
                     ?? throw new InvalidDataException("FEBRL file is empty: expected a header row.");
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"FEBRL header has no '{name}' column.");
        var (id, given, surname, number, street, locality, postcode, state, dob, ssn) = (Column("rec_id"), Column("given_name"),
            Column("surname"), Column("street_number"), Column("address_1"), Column("suburb"), Column("postcode"), Column("state"),
            Column("date_of_birth"), Column("soc_sec_id"));
        var records = new List<LinkageRecord>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var fields = text.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Count) throw new InvalidDataException($"FEBRL line {line}: {fields.Length} fields, expected {header.Count}.");
            string? Value(int i) => fields[i].Length == 0 ? null : fields[i];
            records.Add(new LinkageRecord
            {
                Id = fields[id],
                GivenName = Value(given),
                Surname = Value(surname),
                StreetNumber = Value(number),
                Street = Value(street),
                Locality = Value(locality),
                Postcode = Value(postcode),
                State = Value(state),
                DateOfBirth = Value(dob),
                NationalId = withNationalId ? Value(ssn) : null,
            });
        }
        return records;
    }

    /// <summary>The person number N of <c>rec-N-…</c>.</summary>
    public static string EntityOf(string recordId) => recordId.Split('-') is { Length: >= 3 } parts ? parts[1] : recordId;

    /// <summary>True pairs within one file: every two records with the same N.</summary>
    public static IEnumerable<(string, string)> TrueDuplicatePairs(IReadOnlyList<LinkageRecord> records) =>
        records.GroupBy(r => EntityOf(r.Id)).SelectMany(g => LinkageScore.PairsWithin(g.Select(r => r.Id).ToList()));

    /// <summary>True pairs across two files: records with the same N.</summary>
    public static IEnumerable<(string, string)> TrueLinkPairs(IReadOnlyList<LinkageRecord> left, IReadOnlyList<LinkageRecord> right)
    {
        var byEntity = right.ToLookup(r => EntityOf(r.Id));
        return left.SelectMany(a => byEntity[EntityOf(a.Id)].Select(b => (a.Id, b.Id)));
    }
}
