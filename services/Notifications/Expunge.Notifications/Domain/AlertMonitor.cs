using System.Net.Http.Json;
using System.Text.Json;
using Expunge.Hosting;
using Expunge.Notifications.Data;

namespace Expunge.Notifications.Domain;

/// <summary>
/// Looks, every <see cref="DeliverySettings.AlertInterval"/>, at what operators must act on: filing deliveries that
/// gave up, a hand-review backlog at or above its threshold (eligibility's API), and error queues holding messages
/// (the broker's management API). Each condition is alerted once when it starts. A source that cannot be reached is
/// skipped this round (and logged), never taken as "all clear".
/// </summary>
public sealed class AlertMonitor(Alerts alerts, DeliverySettings settings, IHttpClientFactory http, DeliveryDueSignal due, NotificationsMetrics metrics,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.AlertInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Checking alert conditions failed; next check in {Interval}", settings.AlertInterval);
            }
        }
    }

    public const string ReviewBacklog = "review-backlog";
    public const string ErrorQueue = "error-queue";

    public async Task CheckAsync(CancellationToken ct)
    {
        var dead = await alerts.DeadDeliveriesAsync(ct);
        var holding = new List<AlertCondition>(dead);
        long? errorQueueMessages = null;
        var unknown = new HashSet<string>();
        try
        {
            holding.AddRange(await ReviewBacklogAsync(ct));
        }
        catch (HttpRequestException ex)
        {
            unknown.Add(ReviewBacklog);
            logger.LogWarning("Eligibility's review queue could not be read for the backlog alert: {Error}", ex.Message);
        }
        try
        {
            var (conditions, messages) = await ErrorQueuesAsync(ct);
            holding.AddRange(conditions);
            errorQueueMessages = messages;
        }
        catch (HttpRequestException ex)
        {
            unknown.Add(ErrorQueue);
            logger.LogWarning("The broker's queues could not be read for the error-queue alert: {Error}", ex.Message);
        }
        metrics.Observe(errorQueueMessages, dead.Count);
        var opened = await alerts.ApplyAsync(holding, unknown, ct);
        if (opened > 0)
        {
            metrics.Alerts.Add(opened);
            due.Notify();
        }
    }

    private async Task<IReadOnlyList<AlertCondition>> ReviewBacklogAsync(CancellationToken ct)
    {
        using var client = http.CreateClient(DeliverySettings.PipelineClient);
        var summary = await client.GetFromJsonAsync<JsonElement>(new Uri(settings.EligibilityUrl, "/api/v1/review/summary"), ct);
        var open = summary.GetProperty("open").GetInt64();
        return open >= settings.ReviewBacklogAlert
            ? [new AlertCondition(ReviewBacklog, "eligibility", $"{open:N0} convictions await hand review (the alert is set at {settings.ReviewBacklogAlert:N0}).")]
            : [];
    }

    private async Task<(IReadOnlyList<AlertCondition> Conditions, long? Messages)> ErrorQueuesAsync(CancellationToken ct)
    {
        if (settings.BrokerManagement is not { } management) return ([], null);
        using var client = http.CreateClient();
        client.DefaultRequestHeaders.Authorization = BrokerAddress.ManagementAuthorization(management);
        var queues = await client.GetFromJsonAsync<JsonElement>(new Uri(management, "/api/queues"), ct);
        var holding = queues.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal)
                        && q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number && m.GetInt64() > 0).ToList();
        return ([.. holding.Select(q => new AlertCondition(ErrorQueue, $"{q.GetProperty("vhost").GetString()}/{q.GetProperty("name").GetString()}",
                $"Queue {q.GetProperty("name").GetString()} ({q.GetProperty("vhost").GetString()}) holds {q.GetProperty("messages").GetInt64():N0} messages that failed; see their faults and re-drive them after a fix."))], holding.Sum(q => q.GetProperty("messages").GetInt64()));
    }
}
