using System.Globalization;
using Expunge.Doj;

namespace Expunge.CountyRecords;

/// <summary>
/// Dates as county systems write them: <c>YYYY-MM-DD</c>, <c>MM/DD/YYYY</c> (also <c>M/D/YYYY</c>) or <c>YYYYMMDD</c>,
/// and partial dates with zeros for what was not known (<c>00/00/1967</c>, <c>1978-00-00</c>, <c>1978-05-00</c>,
/// <c>05/00/1978</c>, <c>19780500</c>), read as DOJ's partial dates are: a range, never a default day
/// (court-records.md, "Dates of birth in county exports").
/// </summary>
public static class CountyDates
{
    public static bool TryParse(string text, out DojDate date)
    {
        date = default;
        var value = text.Trim();
        string year, month, day;
        if (value.Length == 10 && value[4] == '-' && value[7] == '-') (year, month, day) = (value[..4], value[5..7], value[8..]);
        else if (value.Length == 8 && value.All(char.IsAsciiDigit)) (year, month, day) = (value[..4], value[4..6], value[6..]);
        else if (value.Split('/') is [var m, var d, var y] && y.Length == 4 && m.Length is 1 or 2 && d.Length is 1 or 2) (year, month, day) = (y, m, d);
        else return false;
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y4)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m2)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d2))
        {
            return false;
        }
        // DOJ's own rules for a partial date (a day without its month is no date) and the calendar's for a whole one.
        return DojDate.TryParse($"{y4:D4}{m2:D2}{d2:D2}", out date, out _);
    }

    /// <summary>The stored form: <c>YYYYMMDD</c> with zeros for unknown parts, the DOJ extract's, so every source's
    /// dates read alike downstream.</summary>
    public static string ToStored(DojDate date) => $"{date.Year:D4}{date.Month:D2}{date.Day:D2}";
}
