using System.Security.Cryptography;
using System.Text;
using Expunge.Contracts;
using Expunge.EligibilityRules;

namespace Expunge.Motions.Domain;

/// <summary>Which part of a package a conviction is listed in, by its determination.</summary>
public enum FilingList
{
    /// <summary>Relief is asked for: the motion's exhibit.</summary>
    Exhibit,

    /// <summary>Eligible, but no record names the court case: a court cannot act on it until the prosecutor finds the
    /// case number, so it is listed for that instead of being filed.</summary>
    NeedsCaseNumber,

    /// <summary>A misdemeanor or infraction left to the city attorneys.</summary>
    CityAttorneys,

    HandReview,
    NotEligible,
}

/// <summary>One conviction as a filing lists it.</summary>
public sealed record FilingRow(string RowId, string Source, string SourceRecordId, string CntOrder, Guid PersonId, string Determination,
    string ReasonCode, ConvictionFiling Filing)
{
    public FilingList List => Determination switch
    {
        Determinations.EligibleForDismissal or Determinations.EligibleForReduction => Filing.CourtCaseNumber.Length > 0 ? FilingList.Exhibit : FilingList.NeedsCaseNumber,
        Determinations.CityAttorneys => FilingList.CityAttorneys,
        Determinations.NotEligible => FilingList.NotEligible,
        _ => FilingList.HandReview,
    };
}

/// <summary>
/// A conviction's row id: the same in every package and version that lists it, so a court can answer for a row and
/// a later package still names it. Derived from the conviction's key (source, record, count), 60 bits in Crockford
/// base 32 (no I, L, O or U: a clerk may type it).
/// </summary>
public static class FilingRowIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Of(string source, string sourceRecordId, string cntOrder)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\u001f{sourceRecordId}\u001f{cntOrder}"));
        var bits = BitConverter.ToUInt64(hash, 0) >> 4;
        var id = new StringBuilder("R", 13);
        for (var i = 0; i < 12; i++)
        {
            id.Append(Alphabet[(int)(bits >> (55 - (5 * i)) & 31)]);
        }
        return id.ToString();
    }
}
