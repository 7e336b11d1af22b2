using System.Text.Json;
using Expunge.Contracts;
using Expunge.Notifications.Data;
using Expunge.Notifications.Delivery;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Notifications.Domain;

/// <summary>Wakes the dispatcher when deliveries are enqueued.</summary>
public sealed class DeliveryDueSignal : WakeSignal;

/// <summary>
/// Sends due deliveries one at a time, each in its own transaction that holds the delivery's row while it is sent and
/// records the attempt: delivered, or pending again after a back-off that doubles with each failure, or dead after
/// the last allowed attempt (an operator can retry it). A crash while sending leaves the row pending: the next
/// attempt sends again under the same delivery id (the email's Message-Id, the webhook-id), which receivers can
/// recognise; that is the at-least-once that no mail or HTTP peer can avoid.
/// </summary>
public sealed class DeliveryDispatcher(NpgsqlDataSource db, DeliverySettings settings, EmailSender email, WebhookSender webhooks,
    DeliveryDueSignal due, NotificationsMetrics metrics, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverOneAsync(stoppingToken))
                {
                    // keep going while deliveries are due
                }
                await due.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(1000, settings.RetryDelay.TotalMilliseconds)), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Delivering failed outside an attempt (database away?); retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <returns>Whether a delivery was attempted.</returns>
    public async Task<bool> DeliverOneAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var delivery = await Deliveries.ClaimDueAsync(connection, tx, ct);
        if (delivery is null) return false;
        string? error = null;
        try
        {
            await SendAsync(delivery, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The message names the channel's failure (a refused connection, an HTTP status): never what was sent.
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        var attempt = delivery.Attempts + 1 - delivery.RetryFrom;
        await Deliveries.RecordAttemptAsync(connection, tx, delivery, error, settings.NextDelay(attempt), settings.MaxAttempts, ct);
        await tx.CommitAsync(ct);
        var outcome = error is null ? "delivered" : attempt >= settings.MaxAttempts ? "dead" : "retrying";
        metrics.Attempts.Add(1, new("channel", delivery.Channel), new("outcome", outcome));
        if (error is null) logger.LogInformation("Delivery {DeliveryId} ({Kind} by {Channel}) delivered on attempt {Attempt}", delivery.DeliveryId, delivery.Kind, delivery.Channel, attempt);
        else logger.LogWarning("Delivery {DeliveryId} ({Kind} by {Channel}) attempt {Attempt} failed ({Outcome}): {Error}", delivery.DeliveryId, delivery.Kind, delivery.Channel, attempt, outcome, error);
        return true;
    }

    private Task SendAsync(Data.Delivery delivery, CancellationToken ct)
    {
        if (delivery.Kind == "filing")
        {
            var package = JsonSerializer.Deserialize<FilingGenerated>(delivery.Payload, JsonSerializerOptions.Web)!;
            return delivery.Channel == "email"
                ? email.SendPackageAsync(delivery.DeliveryId, delivery.Address, package, ct)
                : webhooks.SendAsync(delivery.DeliveryId, delivery.Address, delivery.Secret ?? "", Notices.WebhookPayload(package, settings.MotionsUrl), ct);
        }
        var alert = JsonSerializer.Deserialize<AlertNotice>(delivery.Payload, JsonSerializerOptions.Web)!;
        return delivery.Channel == "email"
            ? email.SendAlertAsync(delivery.DeliveryId, delivery.Address, alert, ct)
            : webhooks.SendAsync(delivery.DeliveryId, delivery.Address, delivery.Secret ?? "", Notices.AlertPayload(alert), ct);
    }
}
