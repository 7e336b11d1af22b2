using Expunge.OperatorConsole.Apis;
using Expunge.OperatorConsole.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Filings;

public sealed class IndexModel(PipelineApis apis) : ConsolePage
{
    /// <summary>One run's packages, or (none) the latest packages of all.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Run { get; set; }

    public IReadOnlyList<PackageInfo>? Packages { get; private set; }
    private ILookup<Guid, DeliveryInfo> _deliveries = Array.Empty<DeliveryInfo>().ToLookup(d => d.SubjectId);

    public IReadOnlyList<DeliveryInfo> DeliveriesOf(Guid packageId) => [.. _deliveries[packageId]];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var packages = Run is { } run ? (await TryAsync(() => apis.RunFilingsAsync(run, ct)))?.Packages : await TryAsync(() => apis.PackagesAsync(100, ct));
        if (packages is null) return;
        Packages = RunFunnel.Current(packages);
        _deliveries = (await DeliveriesOfAsync(apis, Packages, ct)).ToLookup(d => d.SubjectId);
    }

    public Task<IActionResult> OnPostRetryAsync(Guid deliveryId, CancellationToken ct) => ActAsync(async () =>
    {
        await apis.RetryDeliveryAsync(deliveryId, Operator, ct);
        return $"Delivery {deliveryId} will be tried again now.";
    });
}
