using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole.Pages.Errors;

public sealed class IndexModel(Broker broker) : ConsolePage
{
    public IReadOnlyList<QueueInfo>? Queues { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Queues = await TryAsync(() => broker.QueuesAsync(ct));
}
