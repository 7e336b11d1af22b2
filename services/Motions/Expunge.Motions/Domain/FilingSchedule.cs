using Expunge.Motions.Data;

namespace Expunge.Motions.Domain;

/// <summary>How often the schedule files the changes since the last package; null: never.</summary>
public sealed record FilingScheduleSettings(TimeSpan? Every)
{
    public const string Setting = "EXPUNGE_FILING_SCHEDULE_MINUTES";

    public static FilingScheduleSettings Read(IConfiguration c) =>
        new(c.GetValue(Setting, 0.0) is var minutes and > 0 ? TimeSpan.FromMinutes(minutes) : null);
}

/// <summary>
/// Files on a schedule what was decided since the last package (overrides, revisions, runs filed earlier): every
/// <c>EXPUNGE_FILING_SCHEDULE_MINUTES</c> minutes, when anything changed. Off unless configured: most counties file
/// once a run completes and ask again by hand.
/// </summary>
public sealed class FilingSchedule(FilingScheduleSettings settings, FilingStore filings, FilingRequestedSignal requested, TimeProvider clock,
    ILogger<FilingSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Every is not { } every) return;
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await filings.RequestChangesSinceLastAsync("schedule", stoppingToken) is { } requestId)
                    {
                        logger.LogInformation("Scheduled filing request {RequestId} for the changes since the last one", requestId);
                        requested.Notify();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again: a database restart must not stop the schedule.
                    logger.LogError(ex, "Scheduled filing request failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
