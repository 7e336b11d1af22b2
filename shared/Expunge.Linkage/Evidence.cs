namespace Expunge.Linkage;

/// <summary>One field's part in a pair's score: how it compared and how much that weighs for (positive) or against.</summary>
public sealed record FieldEvidence(string Field, string Agreement, string ValueA, string ValueB, double Weight);

/// <summary>Why the model scored a pair as it did, field by field, for the person reviewing it.</summary>
public static class Evidence
{
    private static readonly string[][] LevelNames =
    [
        ["same", "nickname or close spelling", "similar", "different"],
        ["same", "close spelling or one part of a compound name", "similar", "different"],
        ["same", "day/month swapped or one digit", "two digits differ or a year apart", "different", "a generation apart", "the same as far as a partial date says"],
        ["same", "one character differs", "different"],
        ["same", "one character differs", "different"],
        ["same", "different"],
        ["same", "different"],
        ["same", "different"],
        ["same", "close", "different"],
        ["same", "close", "different"],
        ["same", "one character differs", "different"],
        ["same", "different"],
        ["a case in common", "a case in common, one side without the co-defendant suffix or court prefix", "no case in common"],
        ["a charge on the same date in common", "no dated charge in common"],
    ];

    public static IReadOnlyList<FieldEvidence> Explain(FellegiSunterModel model, StandardRecord a, StandardRecord b, ComparisonVector vector)
    {
        var evidence = new List<FieldEvidence>();
        foreach (var field in Enum.GetValues<Field>())
        {
            var level = vector[field];
            if (level < 0) continue;
            var weight = Math.Log2(model.M[(int)field][level] / model.U[(int)field][level]);
            evidence.Add(new FieldEvidence(field.ToString(), LevelNames[(int)field][level], Value(a, field), Value(b, field), Math.Round(weight, 2)));
        }
        return evidence;
    }

    private static string Value(StandardRecord r, Field field) => field switch
    {
        Field.GivenName => r.Name.Given,
        Field.Surname => r.Name.Surname,
        Field.DateOfBirth => r.DateOfBirth,
        Field.StrongId => r.StrongId,
        Field.NationalId => r.NationalId,
        Field.Sex => r.Sex,
        Field.DriverLicence => r.DriverLicence,
        Field.StreetNumber => r.StreetNumber,
        Field.Street => r.Street,
        Field.Locality => r.Locality,
        Field.Postcode => r.Postcode,
        Field.CaseNumber => string.Join(";", r.CaseNumbers.Select(c => c.ToString())),
        Field.DatedCharge => string.Join(";", r.DatedCharges.Select(c => c.ToString())),
        _ => r.State,
    };
}
