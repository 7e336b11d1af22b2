using Expunge.Doj;

namespace Expunge.Doj.Tests;

public sealed class DojDateTests
{
    [Theory]
    [InlineData("19880000", "1988-01-01", "1988-12-31", "1988")]
    [InlineData("19880200", "1988-02-01", "1988-02-29", "1988-02")]
    [InlineData("19890200", "1989-02-01", "1989-02-28", "1989-02")]
    [InlineData("19880517", "1988-05-17", "1988-05-17", "1988-05-17")]
    public void A_partial_date_is_a_range_never_a_default_day(string value, string earliest, string latest, string written)
    {
        Assert.True(DojDate.TryParse(value, out var date, out _));

        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), date.Earliest);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), date.Latest);
        Assert.Equal(written, date.ToString());
        Assert.Equal(value[4..] != "0517", date.IsPartial);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("NULL", true)]
    [InlineData("00000000", true)]
    [InlineData("19880000", false)]
    public void Missing_dates_are_recognised(string value, bool missing) => Assert.Equal(missing, DojDate.IsMissing(value));
}
