namespace Expunge.EligibilityRules;

/// <summary>
/// The answer to a test over dates that may be only partly known: it holds for every date in the range (Yes),
/// for none (No), or for some only (Unknown), which sends the conviction to hand review.
/// </summary>
public enum Truth { No, Yes, Unknown }

public static class TruthLogic
{
    public static Truth Of(bool value) => value ? Truth.Yes : Truth.No;

    public static Truth Not(this Truth t) => t switch { Truth.Yes => Truth.No, Truth.No => Truth.Yes, _ => Truth.Unknown };

    public static Truth And(this Truth a, Truth b) =>
        a == Truth.No || b == Truth.No ? Truth.No : a == Truth.Yes && b == Truth.Yes ? Truth.Yes : Truth.Unknown;

    public static Truth Or(this Truth a, Truth b) =>
        a == Truth.Yes || b == Truth.Yes ? Truth.Yes : a == Truth.No && b == Truth.No ? Truth.No : Truth.Unknown;

    /// <summary>Exists: yes if one surely holds, no if none can, unknown otherwise.</summary>
    public static Truth Any<T>(this IEnumerable<T> items, Func<T, Truth> test) =>
        items.Aggregate(Truth.No, (acc, item) => acc == Truth.Yes ? acc : acc.Or(test(item)));
}

/// <summary>The days a date can be: one day for a full date, a month or a year for a partial one, all time when missing.</summary>
public readonly record struct DateRange(DateOnly Lo, DateOnly Hi)
{
    public static readonly DateRange Unknown = new(DateOnly.MinValue, DateOnly.MaxValue);

    public static DateRange Of(Doj.DojDate? date) => date is { } d ? new DateRange(d.Earliest, d.Latest) : Unknown;

    public static DateRange Day(DateOnly day) => new(day, day);

    /// <summary>Strictly before: every day of this range is before every day of <paramref name="other"/>.</summary>
    public Truth Before(DateRange other) => Hi < other.Lo ? Truth.Yes : Lo >= other.Hi ? Truth.No : Truth.Unknown;

    public Truth OnOrBefore(DateRange other) => Hi <= other.Lo ? Truth.Yes : Lo > other.Hi ? Truth.No : Truth.Unknown;

    public Truth After(DateRange other) => other.Before(this);

    public Truth After(DateOnly day) => Lo > day ? Truth.Yes : Hi <= day ? Truth.No : Truth.Unknown;

    public Truth OnOrBefore(DateOnly day) => Hi <= day ? Truth.Yes : Lo > day ? Truth.No : Truth.Unknown;

    public Truth Before(DateOnly day) => Hi < day ? Truth.Yes : Lo >= day ? Truth.No : Truth.Unknown;

    public DateRange AddYears(int years) => new(SafeAddYears(Lo, years), SafeAddYears(Hi, years));

    /// <summary>Calendar years; 29 Feb + N is 28 Feb in a non-leap year (DateOnly.AddYears clamps).</summary>
    public static DateOnly SafeAddYears(DateOnly date, int years) =>
        date == DateOnly.MinValue || date == DateOnly.MaxValue ? date
        : date.Year + years is > 9998 or < 2 ? (years > 0 ? DateOnly.MaxValue : DateOnly.MinValue)
        : date.AddYears(years);
}
