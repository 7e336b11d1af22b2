using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Expunge.OperatorConsole.Pages;

/// <summary>What every console page shares: the signed-in operator, and a service's error shown on the page rather
/// than as a crash (a service being down is something an operator needs to see, not a blank screen).</summary>
public abstract class ConsolePage : PageModel
{
    public string? Problem { get; protected set; }

    protected string Operator => User.Identity?.Name ?? "unknown operator";

    protected async Task<T?> TryAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (ServiceException ex)
        {
            Problem = Problem is null ? ex.Message : $"{Problem}; {ex.Message}";
            return null;
        }
    }

    /// <summary>Every delivery of the packages (one request each: the notifications API filters by package); a package
    /// whose deliveries cannot be read adds to <see cref="Problem"/>.</summary>
    protected async Task<IReadOnlyList<DeliveryInfo>> DeliveriesOfAsync(PipelineApis apis, IEnumerable<PackageInfo> packages, CancellationToken ct)
    {
        var deliveries = new List<DeliveryInfo>();
        foreach (var package in packages) deliveries.AddRange(await TryAsync(() => apis.DeliveriesAsync(package.PackageId, 100, ct)) ?? []);
        return deliveries;
    }

    /// <summary>Runs an operator's action and comes back to the page with what happened.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task<string>> action)
    {
        try
        {
            TempData["Done"] = await action();
        }
        catch (ServiceException ex)
        {
            TempData["Done"] = $"Not done: {ex.Message}";
        }
        return RedirectToPage();
    }
}
