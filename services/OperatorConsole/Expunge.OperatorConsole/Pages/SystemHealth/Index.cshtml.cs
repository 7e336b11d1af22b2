using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole.Pages.SystemHealth;

public sealed class IndexModel(PipelineApis apis, Broker broker) : ConsolePage
{
    public IReadOnlyList<(string Service, bool Ready, string Detail)> Health { get; private set; } = [];
    public IReadOnlyList<QueueInfo>? Queues { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var health = PipelineApis.Services.Select(async s => await apis.HealthAsync(s, ct) is var (ready, detail) ? (s, ready, detail) : default).ToList();
        Queues = await TryAsync(() => broker.QueuesAsync(ct));
        Health = await Task.WhenAll(health);
    }
}
