using System.Globalization;

namespace Expunge.Doj;

/// <summary>
/// A DOJ <c>YYYYMMDD</c> date that may be partial: <c>19880000</c> (year only) or <c>19880500</c> (year and month).
/// A partial date is a range, never a default day: <see cref="Earliest"/> and <see cref="Latest"/> bound it.
/// </summary>
public readonly record struct DojDate(int Year, int Month, int Day)
{
    public bool IsPartial => Month == 0 || Day == 0;

    public DateOnly Earliest => new(Year, Month == 0 ? 1 : Month, Day == 0 ? 1 : Day);

    public DateOnly Latest => Month == 0
        ? new DateOnly(Year, 12, 31)
        : new DateOnly(Year, Month, Day == 0 ? DateTime.DaysInMonth(Year, Month) : Day);

    /// <summary>ISO form with the known parts only: <c>1988</c>, <c>1988-05</c>, <c>1988-05-17</c>.</summary>
    public override string ToString() => Month == 0
        ? Year.ToString("D4", CultureInfo.InvariantCulture)
        : Day == 0 ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}-{Month:D2}-{Day:D2}";

    /// <summary>True for a value that means "no date": blank (<see cref="DojValues.IsBlank"/>) or <c>00000000</c>.</summary>
    public static bool IsMissing(ReadOnlySpan<char> value) => DojValues.IsBlank(value) || value.SequenceEqual("00000000");

    /// <summary>A date column's value: null when missing, the date when valid; an invalid value also reads as missing
    /// (rows with invalid dates are rejected before anything reads them).</summary>
    public static DojDate? ParseOrNull(ReadOnlySpan<char> value) =>
        !IsMissing(value) && TryParse(value, out var date, out _) ? date : null;

    /// <summary>Parses a present date; on failure <paramref name="problem"/> says what was wrong in words.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DojDate date, out string? problem)
    {
        date = default;
        if (value.Length != 8 || value.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            problem = "expected 8 digits YYYYMMDD";
            return false;
        }
        var year = int.Parse(value[..4], CultureInfo.InvariantCulture);
        var month = int.Parse(value.Slice(4, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(value.Slice(6, 2), CultureInfo.InvariantCulture);
        problem = year < 1800 || year > 2200 ? "year out of range"
            : month > 12 ? "month above 12"
            : month == 0 && day != 0 ? "day given without a month"
            : month != 0 && day > DateTime.DaysInMonth(year, month) ? "no such day in that month"
            : null;
        if (problem is not null)
        {
            return false;
        }
        date = new DojDate(year, month, day);
        return true;
    }
}
