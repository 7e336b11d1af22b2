using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Review;

public sealed class DecisionModel(PipelineApis apis) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public long DeterminationId { get; set; }

    public ReviewEntry? Item { get; private set; }
    public PersonView? Person { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Item = await TryAsync(() => apis.ReviewItemAsync(DeterminationId, ct));
        if (Item is not null) Person = await TryAsync(() => apis.PersonAsync(Item.PersonId, ct));
    }

    public Task<IActionResult> OnPostConfirmAsync(string note, CancellationToken ct) => ActAsync(async () =>
    {
        await apis.ConfirmAsync(DeterminationId, note, Operator, ct);
        return $"Decision {DeterminationId} confirmed.";
    });

    public Task<IActionResult> OnPostOverrideAsync(string determination, string note, CancellationToken ct) => ActAsync(async () =>
    {
        await apis.OverrideAsync(DeterminationId, determination, note, Operator, ct);
        return $"Decision {DeterminationId} overridden: {determination}.";
    });
}
