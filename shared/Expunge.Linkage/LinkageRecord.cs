namespace Expunge.Linkage;

/// <summary>
/// A person as one source record describes them, before standardisation. Every field may be missing; nothing here is
/// trusted to be clean. Address fields are used when a source has them (FEBRL does; court rows rarely).
/// </summary>
public sealed record LinkageRecord
{
    public required string Id { get; init; }
    public string Source { get; init; } = "";
    public string? GivenName { get; init; }
    public string? MiddleName { get; init; }
    public string? Surname { get; init; }

    /// <summary>Other names the person is known by, each <c>LAST, FIRST</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><c>YYYYMMDD</c>, <c>YYYY-MM-DD</c> or <c>MM/DD/YYYY</c>; may be a typo or not a calendar date.</summary>
    public string? DateOfBirth { get; init; }

    public string? Sex { get; init; }

    /// <summary>A strong identifier (the CII number): the same value links directly; two different values never auto-link.</summary>
    public string? StrongId { get; init; }

    /// <summary>A near-unique number that is copied with typos (FEBRL's soc_sec_id): strong evidence, compared fuzzily.</summary>
    public string? NationalId { get; init; }

    public string? DriverLicence { get; init; }
    /// <summary>Court case numbers the record names, and booking numbers (an arrest's number ties its court case to it),
    /// as written: standardised to <see cref="CaseKey"/>s. One case has one defendant (co-defendants carry suffixes of
    /// their own), so a shared case is strong evidence, weighed by the model like any field.</summary>
    public IReadOnlyList<string> CaseNumbers { get; init; } = [];

    /// <summary>Charges the record reports with their dates, each <c>YYYYMMDD SECTION</c>: two records reporting one
    /// charge on one date (give or take a few days) are likely one person's reports of one conviction.</summary>
    public IReadOnlyList<string> DatedCharges { get; init; } = [];

    public string? StreetNumber { get; init; }
    public string? Street { get; init; }
    public string? Locality { get; init; }
    public string? Postcode { get; init; }
    public string? State { get; init; }
}
