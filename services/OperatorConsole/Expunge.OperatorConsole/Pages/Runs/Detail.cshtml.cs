using Expunge.OperatorConsole.Apis;
using Expunge.OperatorConsole.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Runs;

public sealed class DetailModel(PipelineApis apis) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public Guid RunId { get; set; }

    public RunDetails? Run { get; private set; }
    public RunDeterminations? Determinations { get; private set; }
    public IReadOnlyList<FunnelStep> Funnel { get; private set; } = [];
    public IReadOnlyList<(string Service, StageProgress? Progress)> Stages { get; private set; } = [];

    /// <summary>Every stage has seen the whole run (the last one, notifications, only after filings exist).</summary>
    public bool Finished => Stages.Count > 0 && Stages.All(s => s.Progress?.Complete == true);

    public TimeSpan? Elapsed => Stages.Select(s => s.Progress).OfType<StageProgress>().Where(p => p.StartedAt is not null).ToList() is { Count: > 0 } started
        ? (Finished ? started.Max(p => p.CompletedAt ?? p.UpdatedAt)!.Value : DateTimeOffset.UtcNow) - started.Min(p => p.StartedAt)!.Value
        : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var run = TryAsync(() => apis.RunAsync(RunId, ct));
        var stages = PipelineApis.Services.Select(async s => (s, await TryAsync(() => apis.ProgressAsync(s, RunId, ct)))).ToList();
        var decided = TryAsync(() => apis.DeterminationsAsync(RunId, ct));
        var filings = TryAsync(() => apis.RunFilingsAsync(RunId, ct));
        Run = await run;
        Stages = await Task.WhenAll(stages);
        Determinations = await decided;
        var packages = (await filings)?.Packages ?? [];
        var deliveries = await DeliveriesOfAsync(apis, RunFunnel.Current(packages), ct);
        if (Run is not null) Funnel = RunFunnel.Of(Run.Run, Determinations, packages, deliveries);
    }
}
