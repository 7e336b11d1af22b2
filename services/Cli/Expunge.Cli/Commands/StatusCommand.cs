using System.CommandLine;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge status [RUN]</c>: one run's progress per stage, or the system's health and recent runs.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var run = new Argument<Guid?>("run") { Description = "Run id (as printed by submit); omit for the system's health", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Runs and their progress per stage; with no run, the health of every service.") { run };
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            if (result.GetValue(run) is { } runId)
            {
                return await ShowRunAsync(client, runId, ct);
            }
            return await ShowSystemAsync(client, ct);
        }));
        return command;
    }

    private static async Task<int> ShowRunAsync(ServiceClient client, Guid runId, CancellationToken ct)
    {
        var details = await client.GetAsync<RunDetails>("ingestion", $"/api/v1/runs/{runId}", ct);
        Console.WriteLine($"run {runId}: {details.Run.Status}, {details.Run.RowsRead:N0} rows read, {details.Run.RowsRejected:N0} rejected, " +
                          $"{details.Run.Records?.ToString("N0") ?? "?"} records in {details.Run.BatchCount?.ToString("N0") ?? "?"} batches");
        foreach (var stage in await RunProgressDisplay.ReadAsync(client, runId, ct))
        {
            var elapsed = stage is { StartedAt: { } start, CompletedAt: { } end } ? $" in {(end - start).TotalSeconds:F1} s" : "";
            Console.WriteLine($"  {stage.Stage,-14} {(stage.Complete ? "complete" : "running"),-9} batches {stage.ProcessedBatches}/{stage.ExpectedBatches?.ToString() ?? "?"}, items {stage.Items:N0}{elapsed}");
        }
        var determinations = await client.GetAsync<DeterminationCounts>("eligibility", $"/api/v1/runs/{runId}/determinations", ct);
        Console.WriteLine($"  people: {determinations.Decided:N0} decided, {determinations.Pending:N0} pending{(determinations.Note is null ? "" : $" ({determinations.Note})")}");
        var convictions = determinations.Convictions ?? [];
        Console.WriteLine($"  convictions decided: {convictions.Sum(c => c.Count):N0}");
        foreach (var group in convictions.GroupBy(c => c.Determination))
        {
            Console.WriteLine($"    {group.Key,-34} {group.Sum(c => c.Count),7:N0}   {string.Join(", ", group.Select(c => $"{c.ReasonCode} {c.Count:N0}"))}");
        }
        var filings = await client.GetAsync<FilingState>("motions", $"/api/v1/runs/{runId}/filings", ct);
        if (filings.AwaitingDecision > 0)
        {
            Console.WriteLine($"  filings: {filings.AwaitingDecision:N0} people await a decision before anything can be filed");
        }
        return ExitCodes.Success;
    }

    private static async Task<int> ShowSystemAsync(ServiceClient client, CancellationToken ct)
    {
        var healthy = true;
        foreach (var service in ServiceClient.Stages)
        {
            var ready = await client.IsReadyAsync(service, ct);
            healthy &= ready;
            Console.WriteLine($"  {service,-14} {(ready ? "ready" : "NOT READY"),-10} {ServiceClient.UrlOf(service)}");
        }
        if (!healthy)
        {
            Console.Error.WriteLine("Some services are not ready; ./expunge up starts them, logs are under .local/logs/.");
            return ExitCodes.ServicesUnreachable;
        }
        foreach (var run in (await client.GetAsync<List<RunInfo>>("ingestion", "/api/v1/runs", ct)).Take(10))
        {
            Console.WriteLine($"  run {run.RunId} {run.Status,-9} rows {run.RowsRead:N0}, rejected {run.RowsRejected:N0}");
        }
        return ExitCodes.Success;
    }
}
