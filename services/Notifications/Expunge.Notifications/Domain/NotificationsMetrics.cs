using System.Diagnostics.Metrics;
using Expunge.Hosting;

namespace Expunge.Notifications.Domain;

/// <summary>expunge.notifications.* business metrics.</summary>
public sealed class NotificationsMetrics
{
    private long _errorQueueMessages, _deadDeliveries;

    public NotificationsMetrics(ExpungeTelemetry telemetry)
    {
        Attempts = telemetry.Meter.CreateCounter<long>("expunge.notifications.delivery_attempts",
            description: "Delivery attempts, by channel and outcome (delivered, retrying, dead)");
        Alerts = telemetry.Meter.CreateCounter<long>("expunge.notifications.alerts_opened", description: "Operator alerts opened, by kind");
        telemetry.Meter.CreateObservableGauge("expunge.notifications.error_queue_messages", () => Interlocked.Read(ref _errorQueueMessages),
            description: "Messages in the broker's _error queues at the last check");
        telemetry.Meter.CreateObservableGauge("expunge.notifications.deliveries_dead", () => Interlocked.Read(ref _deadDeliveries),
            description: "Deliveries that gave up after their retries and wait for an operator");
    }

    public Counter<long> Attempts { get; }

    public Counter<long> Alerts { get; }

    /// <summary>What the alert monitor saw last (the alert rules watch these as well as the alerts this service sends);
    /// an error-queue count the broker did not give keeps the last one.</summary>
    public void Observe(long? errorQueueMessages, long deadDeliveries)
    {
        if (errorQueueMessages is { } messages) Interlocked.Exchange(ref _errorQueueMessages, messages);
        Interlocked.Exchange(ref _deadDeliveries, deadDeliveries);
    }
}
