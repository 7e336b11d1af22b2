using Microsoft.Extensions.Configuration;

namespace Expunge.Motions.Domain;

/// <summary>
/// How long after the court grants relief the working copies of a sealed conviction are kept before every service
/// purges them (<c>EXPUNGE_SEAL_HOLD_HOURS</c>, default 30 days): time for the county to catch a mistaken answer and
/// for DOJ to confirm, while the conviction already counts as no one's prior and has left every view.
/// </summary>
public sealed record SealHold(TimeSpan Hold)
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(30);

    public static SealHold Read(IConfiguration configuration)
    {
        var setting = configuration["EXPUNGE_SEAL_HOLD_HOURS"];
        if (string.IsNullOrWhiteSpace(setting)) return new SealHold(Default);
        return double.TryParse(setting, System.Globalization.CultureInfo.InvariantCulture, out var hours) && hours >= 0
            ? new SealHold(TimeSpan.FromHours(hours))
            : throw new InvalidOperationException($"EXPUNGE_SEAL_HOLD_HOURS is '{setting}': expected a number of hours, 0 or more.");
    }
}
