using Expunge.Hosting;
using Expunge.Eligibility.Data;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Api;

public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/policies").WithTags("policies");

        // The body is a policy file (interfaces.md); the county in the path wins over one in the file.
        policies.MapPut("/{county}", async (string county, HttpRequest request, PolicyStore store, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            try
            {
                var stored = await store.AddAsync(county, json, Operators.Of(request), ct);
                return Results.Created($"/api/v1/policies/{Uri.EscapeDataString(stored.County)}", stored);
            }
            catch (PolicyException ex)
            {
                return Results.Problem(ex.Message, statusCode: 400, extensions: new Dictionary<string, object?> { ["key"] = ex.Key });
            }
        }).WithName("SetPolicy");

        policies.MapGet("/", async (PolicyStore store, CancellationToken ct) => Results.Ok(await store.LatestAsync(ct))).WithName("ListPolicies");

        policies.MapGet("/{county}", async (string county, PolicyStore store, CancellationToken ct) =>
            await store.VersionsAsync(county, ct) is { Count: > 0 } versions
                ? Results.Ok(new { current = versions[0], versions })
                : Results.Problem($"No policy is set for {county.ToUpperInvariant()}.", statusCode: 404)).WithName("GetPolicy");
        return app;
    }
}
