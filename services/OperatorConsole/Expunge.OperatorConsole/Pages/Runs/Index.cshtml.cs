using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole.Pages.Runs;

public sealed class IndexModel(PipelineApis apis) : ConsolePage
{
    public IReadOnlyList<RunInfo>? Runs { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Runs = await TryAsync(() => apis.RunsAsync(ct));
}
