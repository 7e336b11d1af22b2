namespace Expunge.Contracts;

/// <summary>Identity as a source reports it, unnormalised. Dates stay as written (DOJ: <c>YYYYMMDD</c>, maybe partial).</summary>
public sealed record PersonIdentity
{
    /// <summary>The name as one string (DOJ: <c>LAST,FIRST MIDDLE</c>); county sources also fill the parts below.</summary>
    public string? Name { get; init; }
    public string? Surname { get; init; }
    public string? GivenName { get; init; }
    public string? MiddleName { get; init; }

    /// <summary>Other names the person is known by, each <c>LAST, FIRST</c>.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    public string? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? CiiNumber { get; init; }
    public string? FbiNumber { get; init; }
    public string? DriverLicence { get; init; }
    public string? BookingNumber { get; init; }

    /// <summary>Court case numbers the source ties the person to (DOJ: the OFNs of court actions; a DA case: the court
    /// case it reached), as written: a case key, used as evidence when linking.</summary>
    public IReadOnlyList<string>? CourtCaseNumbers { get; init; }

    /// <summary>Other numbers agencies attached to the person's arrests (DOJ: the OFNs of arrest steps and the
    /// FE_NUM_* booking, citation, docket and court case numbers), as written: what ties a DOJ cycle to a court row
    /// when its OFN is missing or holds the booking number. Evidence when linking, like the case numbers.</summary>
    public IReadOnlyList<string>? ArrestNumbers { get; init; }

    /// <summary>The dated charges the source reports, each <c>YYYYMMDD SECTION</c> (<c>20090312 11359</c>): one
    /// conviction reported by two sources is evidence that their records are one person, where no case number ties
    /// them (a DA row without the court's number).</summary>
    public IReadOnlyList<string>? DatedCharges { get; init; }
}
