namespace Expunge.Contracts;

/// <summary>
/// County system → ingestion: one record event (court-records.md, "Single record events"), published on the bus or
/// posted to <c>POST /api/v1/records</c> (same JSON). (Source, RecordId) is the idempotency key: a re-sent event is the
/// same event. Dates <c>YYYY-MM-DD</c>, <c>MM/DD/YYYY</c> or <c>YYYYMMDD</c>.
/// </summary>
/// <example>
/// { "source": "lasc-cms", "recordId": "evt-20100201-0042", "kind": "disposition",
///   "person": { "surname": "DOE", "givenName": "JANE", "aliases": ["DOE, JANIE"], "dateOfBirth": "1970-01-01",
///               "gender": "F", "ciiNumber": "A12345678" },
///   "courtCaseNumber": "BA123456", "countNumber": 1, "chargeCode": "HS 11357(a)", "chargeLevel": "M",
///   "disposition": "CONVICTED", "dispositionDate": "2010-02-01", "sentence": "PROBATION 36M",
///   "prosecutingAgency": "LOS ANGELES CITY ATTORNEY" }
/// </example>
public sealed record RecordEventSubmitted
{
    /// <summary>The county system's name (not <c>doj</c>, <c>court</c> or <c>da</c>, which name the bulk files).</summary>
    public required string Source { get; init; }
    public required string RecordId { get; init; }

    /// <summary><c>arrest</c>, <c>charge</c>, <c>disposition</c>, <c>sentence</c>, <c>registration</c> or <c>death</c>.</summary>
    public required string Kind { get; init; }

    public required PersonIdentity Person { get; init; }
    public string? CourtCaseNumber { get; init; }
    public int? CountNumber { get; init; }
    public string? CourtLocation { get; init; }
    public string? FilingDate { get; init; }
    public string? ArrestDate { get; init; }
    public string? ChargeCode { get; init; }
    public string? ChargeDescription { get; init; }

    /// <summary><c>F</c>, <c>M</c> or <c>I</c>.</summary>
    public string? ChargeLevel { get; init; }

    /// <summary><c>CONVICTED</c>, <c>DISMISSED</c>, <c>ACQUITTED</c>, <c>DIVERTED</c>, <c>PENDING</c>.</summary>
    public string? Disposition { get; init; }
    /// <summary>The date of the disposition, or of the death or registration an event of that kind reports.</summary>
    public string? DispositionDate { get; init; }
    public string? Sentence { get; init; }
    public string? ProsecutingAgency { get; init; }

    public string? Race { get; init; }
}
