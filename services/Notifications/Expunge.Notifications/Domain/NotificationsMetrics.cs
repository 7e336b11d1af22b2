using System.Diagnostics.Metrics;
using Expunge.Hosting;

namespace Expunge.Notifications.Domain;

/// <summary>expunge.notifications.* business metrics.</summary>
public sealed class NotificationsMetrics(ExpungeTelemetry telemetry)
{
    public Counter<long> Attempts { get; } = telemetry.Meter.CreateCounter<long>("expunge.notifications.delivery_attempts",
        description: "Delivery attempts, by channel and outcome (delivered, retrying, dead)");

    public Counter<long> Alerts { get; } = telemetry.Meter.CreateCounter<long>("expunge.notifications.alerts_opened", description: "Operator alerts opened, by kind");
}
