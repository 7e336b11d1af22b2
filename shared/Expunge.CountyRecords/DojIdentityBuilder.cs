using Expunge.Contracts;
using Expunge.Doj;
using Expunge.Linkage;

namespace Expunge.CountyRecords;

/// <summary>
/// Who a DOJ subject's rows say the person is, row by row (the rows of a subject may be anywhere in the files). Person
/// fields repeat on every row: the first row's values stand for the subject. The court case numbers are the OFNs of
/// the subject's court actions and the FE_NUM_CRT_CASE values; the arrest numbers, every other number DOJ attaches
/// to the subject's events (the arrest steps' OFNs, booking, citation, docket, …): numbers of four digits or more,
/// each once (a count or an order number says nothing about a person).
/// </summary>
public sealed class DojIdentityBuilder
{
    private PersonIdentity? _first;
    private readonly List<string> _caseNumbers = [];
    private readonly List<string> _arrestNumbers = [];
    private readonly List<string> _datedCharges = [];

    public void Add<TRow>(scoped TRow row) where TRow : IDojFields, allows ref struct
    {
        _first ??= new PersonIdentity
        {
            Name = Value(row[DojColumns.PrimaryName]),
            DateOfBirth = Value(row[DojColumns.PrimaryDob]),
            Gender = Value(row[DojColumns.Gender]),
            CiiNumber = Value(row[DojColumns.CiiNumber]),
            FbiNumber = Value(row[DojColumns.FbiNumber]),
            DriverLicence = Value(row[DojColumns.PrimaryCdl]),
        };
        var courtAction = row[DojColumns.StepTypeDescription].Equals("COURT ACTION", StringComparison.OrdinalIgnoreCase);
        AddNumber(courtAction ? _caseNumbers : _arrestNumbers, row[DojColumns.Ofn]);
        if (courtAction && DojDate.ParseOrNull(row[DojColumns.StepEventDate]) is { IsPartial: false } date
            && ChargeCache.FromRow(row[DojColumns.OffenseDescription], row[DojColumns.CommentText]).Offenses is [var offense, ..])
        {
            var charge = SourceIdentities.DatedCharge(date.Earliest, offense.Section);
            if (!_datedCharges.Contains(charge)) _datedCharges.Add(charge);
        }
        foreach (var column in DojColumns.EventNumberColumns)
        {
            AddNumber(column == DojColumns.FeNumCourtCase ? _caseNumbers : _arrestNumbers, row[column]);
        }
    }

    public PersonIdentity Build() => (_first ?? new PersonIdentity()) with
    {
        CourtCaseNumbers = [.. _caseNumbers], ArrestNumbers = [.. _arrestNumbers], DatedCharges = [.. _datedCharges],
    };

    private static void AddNumber(List<string> numbers, ReadOnlySpan<char> value)
    {
        // Cheap tests first: this runs for every number field of every row.
        if (value.Length < 4 || value.IndexOfAnyInRange('1', '9') < 0) return;
        foreach (var known in numbers)
        {
            if (value.SequenceEqual(known)) return;
        }
        var text = value.ToString();
        if (CaseKey.Parse(text) is { Number.Length: >= 4 }) numbers.Add(text);
    }

    private static string? Value(ReadOnlySpan<char> value) => DojValues.IsBlank(value) ? null : value.ToString();
}
