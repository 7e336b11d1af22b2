using Expunge.Eligibility.Data;
using Expunge.Eligibility.Domain;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Api;

public static class PersonEndpoints
{
    /// <summary>A policy to try: a stored county policy (latest, or a version), or the run's own policy.</summary>
    public sealed record PolicyChoice(string? County, int? Version, bool? Run);

    public sealed record WhatIfRequest(IReadOnlyList<PolicyChoice>? Policies);

    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        // What a reviewer needs beside a decision: every record of the person, each source's identity, and every
        // decision made about the person's convictions (superseded ones too), with its facts and sources.
        app.MapGet("/api/v1/people/{personId:guid}", async (Guid personId, PersonHistoryStore histories, DeterminationStore decisions, CancellationToken ct) =>
        {
            if (await histories.LatestOfPersonAsync(personId, ct) is not var (runId, history))
            {
                return Results.Problem($"No person {personId} has been decided.", statusCode: 404);
            }
            var decided = await decisions.OfPersonAsync(personId, ct);
            return Results.Ok(new
            {
                personId,
                runId,
                records = history.Records.Select(r => new
                {
                    r.Source, r.SourceRecordId, r.Identity.Name, r.Identity.DateOfBirth, r.Identity.CiiNumber, r.Identity.Aliases, rows = r.Rows.Count,
                }),
                header = ConvictionRows.Header,
                decisions = decided.Select(d => new
                {
                    d.DeterminationId, d.Determination, d.ReasonCode, d.Policy, d.PolicyVersion, d.DecidedBy, d.DecidedAt, d.Note, d.SupersededBy,
                    d.Sources, references = d.SourceReferences, d.Conflicts, values = d.ResultRow,
                }),
            });
        }).WithTags("people").WithName("GetPerson");

        // Decides the run's people again under each policy and stores nothing: counts and impact side by side.
        app.MapPost("/api/v1/runs/{runId:guid}/what-if", async (Guid runId, WhatIfRequest body, PersonHistoryStore histories, PolicyStore policies,
            CancellationToken ct) =>
        {
            if (body.Policies is not { Count: > 0 and <= 4 } choices)
            {
                return Results.Problem("'policies' must list one to four policies: {\"county\":…,\"version\":…} or {\"run\":true}.", statusCode: 400);
            }
            var chosen = new List<Policy>();
            foreach (var choice in choices)
            {
                if (await ResolveAsync(choice, runId, histories, policies, ct) is { } policy) chosen.Add(policy);
                else return Results.Problem(choice.Run == true ? $"Run {runId} was not submitted with a policy of its own."
                    : $"No policy {choice.County}{(choice.Version is { } v ? $" version {v}" : "")} is stored.", statusCode: 404);
            }
            var whatIf = new WhatIf(chosen, await histories.SealedReportsAsync(ct));
            await foreach (var person in histories.HistoriesOfRunAsync(runId, ct)) whatIf.Add(person);
            return Results.Ok(new { runId, policies = whatIf.Results() });
        }).WithTags("determinations").WithName("CompareRunPolicies");
        return app;
    }

    private static async Task<Policy?> ResolveAsync(PolicyChoice choice, Guid runId, PersonHistoryStore histories, PolicyStore policies, CancellationToken ct)
    {
        if (choice.Run == true)
        {
            return (await histories.ImpactAsync(runId, ct)).RunPolicy is { } json ? PolicyFile.Parse(json) : null;
        }
        if (string.IsNullOrWhiteSpace(choice.County)) return null;
        var versions = await policies.VersionsAsync(choice.County, ct);
        var stored = choice.Version is { } version ? versions.FirstOrDefault(p => p.Version == version) : versions.Count > 0 ? versions[0] : null;
        return stored is null ? null : PolicyFile.Parse(stored.PolicyJson, stored.County) with { Version = stored.Version };
    }
}
