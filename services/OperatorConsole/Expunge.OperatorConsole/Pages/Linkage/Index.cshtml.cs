using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Linkage;

public sealed class IndexModel(PipelineApis apis) : ConsolePage
{
    public IReadOnlyList<LinkagePair>? Pairs { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pairs = await TryAsync(() => apis.LinkageReviewAsync("open", 50, ct));

    public Task<IActionResult> OnPostDecideAsync(long pairId, bool link, string note, CancellationToken ct) => ActAsync(async () =>
    {
        await apis.DecidePairAsync(pairId, link, note, Operator, ct);
        return $"Pair {pairId} {(link ? "linked" : "split")}.";
    });
}
