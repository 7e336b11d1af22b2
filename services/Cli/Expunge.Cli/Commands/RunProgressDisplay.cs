using System.Globalization;

namespace Expunge.Cli.Commands;

/// <summary>Polls every stage's progress for a run and prints a line whenever it changes.</summary>
public static class RunProgressDisplay
{
    public static async Task<IReadOnlyList<StageProgressInfo>> FollowAsync(ServiceClient client, Guid runId, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            var stages = await ReadAsync(client, runId, ct);
            var line = Format(stages);
            if (line != last)
            {
                Console.WriteLine(line);
                last = line;
            }
            if (stages.All(s => s.Complete))
            {
                return stages;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException(ExitCodes.Failure,
                    $"Run {runId} did not pass every stage within {timeout.TotalSeconds:F0} s; `expunge status {runId}` shows where it stands.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    public static async Task<IReadOnlyList<StageProgressInfo>> ReadAsync(ServiceClient client, Guid runId, CancellationToken ct) =>
        await Task.WhenAll(ServiceClient.Stages.Select(s => client.GetAsync<StageProgressInfo>(s, $"/api/v1/runs/{runId}/progress", ct)));

    public static string Format(IEnumerable<StageProgressInfo> stages) =>
        string.Join(" | ", stages.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Stage} {(s.Complete ? "done" : "…")} {s.ProcessedBatches}/{(s.ExpectedBatches?.ToString(CultureInfo.InvariantCulture) ?? "?")}")));
}
