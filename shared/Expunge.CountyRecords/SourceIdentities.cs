using Expunge.Contracts;
using Expunge.Doj;
using Expunge.Linkage;

namespace Expunge.CountyRecords;

/// <summary>
/// Who a source record says its person is: read from the rows of a DOJ subject or of a county case (ingestion builds
/// records with it), and handed to the linkage library (matching and <c>expunge linkage-eval</c> link with it).
/// </summary>
public static class SourceIdentities
{
    public const string Doj = "doj";

    /// <summary>Person fields repeat on every DOJ row; the first row's values stand for the subject
    /// (<see cref="DojIdentityBuilder"/>).</summary>
    public static PersonIdentity OfDojRows(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var builder = new DojIdentityBuilder();
        foreach (var row in rows) builder.Add(new DojFieldArray(row));
        return builder.Build();
    }

    /// <summary>A court or DA case (or a county event): the defendant of the first row stands for the record; a CII
    /// any row carries is used (many court rows have none).</summary>
    public static PersonIdentity OfCountyRows(string source, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var layout = CountyLayout.Of(source);
        string? Field(IReadOnlyList<string> fields, string column) =>
            layout.Columns.Contains(column) ? NullIfBlank(fields[layout.Index(column)]) : null;
        var first = rows[0];
        var (surname, given, middle) = (Field(first, "defendant_last_name"), Field(first, "defendant_first_name"), Field(first, "defendant_middle_name"));
        return new PersonIdentity
        {
            Name = given is null ? surname : $"{surname},{given}{(middle is null ? "" : " " + middle)}",
            Surname = surname,
            GivenName = given,
            MiddleName = middle,
            Aliases = Field(first, "aka_names")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DateOfBirth = Field(first, "date_of_birth"),
            Gender = Field(first, "sex"),
            CiiNumber = rows.Select(r => Field(r, "cii_number")).FirstOrDefault(c => c is not null),
            DriverLicence = Field(first, "cdl_number"),
            BookingNumber = Field(first, "booking_number"),
            CourtCaseNumbers = [.. rows.Select(r => Field(r, "court_case_number")).OfType<string>().Distinct()],
            DatedCharges = [.. rows.Select(r => (Date: DojDate.ParseOrNull(Field(r, "disposition_date") ?? ""), Charge: CountyCharges.Parse(Field(r, "charge_code") ?? "")))
                .Where(c => c.Date is { IsPartial: false } && c.Charge.Offenses.Count > 0)
                .Select(c => DatedCharge(c.Date!.Value.Earliest, c.Charge.Offenses[0].Section)).Distinct()],
        };
    }

    /// <summary>A dated charge as identities carry it (<see cref="PersonIdentity.DatedCharges"/>).</summary>
    public static string DatedCharge(DateOnly date, string section) =>
        $"{date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)} {section}";

    /// <summary>The key a record is known by in the linkage library: source and id, unambiguous for any id.</summary>
    public static string Key(string source, string sourceRecordId) => $"{source}\u001f{sourceRecordId}";

    public static (string Source, string Id) FromKey(string key) => key.Split('\u001f', 2) is [var source, var id] ? (source, id) : ("", key);

    public static LinkageRecord ToLinkage(string source, string sourceRecordId, PersonIdentity identity)
    {
        var (surname, given, middle) = identity.Surname is not null || identity.GivenName is not null
            ? (identity.Surname, identity.GivenName, identity.MiddleName)
            : Names.SplitLastFirst(identity.Name);
        return new LinkageRecord
        {
            Id = Key(source, sourceRecordId),
            Source = source,
            Surname = surname,
            GivenName = given,
            MiddleName = middle,
            Aliases = identity.Aliases ?? [],
            DateOfBirth = identity.DateOfBirth,
            Sex = identity.Gender,
            StrongId = identity.CiiNumber,
            DriverLicence = identity.DriverLicence,
            DatedCharges = identity.DatedCharges ?? [],
            CaseNumbers = [.. identity.CourtCaseNumbers ?? [], .. identity.ArrestNumbers ?? [], .. identity.BookingNumber is { } booking ? [booking] : (string[])[]],
        };
    }

    private static string? NullIfBlank(string value) => DojValues.IsBlank(value) ? null : value;
}
