using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole.Pages.Review;

public sealed class IndexModel(PipelineApis apis) : ConsolePage
{
    public const int Limit = 500;

    public IReadOnlyList<ReviewEntry>? Items { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Items = await TryAsync(() => apis.HandReviewAsync("open", Limit, ct));
}
