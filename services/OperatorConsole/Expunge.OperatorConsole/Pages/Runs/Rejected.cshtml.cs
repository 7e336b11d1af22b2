using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Runs;

public sealed class RejectedModel(PipelineApis apis) : ConsolePage
{
    public const int Shown = 500;

    [BindProperty(SupportsGet = true)]
    public Guid RunId { get; set; }

    public IReadOnlyList<RejectedRowInfo>? Rows { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await TryAsync(() => apis.RejectedAsync(RunId, Shown, ct));
}
