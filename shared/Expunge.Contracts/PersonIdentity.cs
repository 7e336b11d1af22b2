namespace Expunge.Contracts;

/// <summary>Identity as a source reports it, unnormalised. Dates stay as written (DOJ: <c>YYYYMMDD</c>, maybe partial).</summary>
public sealed record PersonIdentity
{
    public string? Name { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? CiiNumber { get; init; }
    public string? FbiNumber { get; init; }
    public string? DriverLicence { get; init; }
}
