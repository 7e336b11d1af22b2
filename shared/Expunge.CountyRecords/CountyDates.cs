using System.Globalization;

namespace Expunge.CountyRecords;

/// <summary>Dates as county systems write them: <c>YYYY-MM-DD</c>, <c>MM/DD/YYYY</c> (also <c>M/D/YYYY</c>) or <c>YYYYMMDD</c>.</summary>
public static class CountyDates
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd"];

    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The stored form: <c>YYYYMMDD</c>, the DOJ extract's, so every source's dates read alike downstream.</summary>
    public static string ToStored(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
