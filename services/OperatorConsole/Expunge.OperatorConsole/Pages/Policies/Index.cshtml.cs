using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Policies;

public sealed class IndexModel(PipelineApis apis) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public Guid? Run { get; set; }

    /// <summary>"run" (the run's own policy) or "COUNTY|version".</summary>
    [BindProperty(SupportsGet = true)]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? B { get; set; }

    public IReadOnlyList<PolicyVersions> Counties { get; private set; } = [];
    public IReadOnlyList<RunInfo> Runs { get; private set; } = [];
    public WhatIfAnswer? Comparison { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Runs = await TryAsync(() => apis.RunsAsync(ct)) ?? [];
        var counties = new List<PolicyVersions>();
        foreach (var latest in await TryAsync(() => apis.PoliciesAsync(ct)) ?? [])
        {
            if (await TryAsync(() => apis.PolicyVersionsAsync(latest.County, ct)) is { } versions) counties.Add(versions);
        }
        Counties = counties;
        if (Run is { } run && A is not null && B is not null)
        {
            Comparison = await TryAsync(() => apis.WhatIfAsync(run, [Choice(A), Choice(B)], Operator, ct));
        }
    }

    private static PolicyChoice Choice(string value) =>
        value.Split('|') is [var county, var version] && int.TryParse(version, out var v) ? new PolicyChoice(county, v, null) : new PolicyChoice(null, null, true);
}
