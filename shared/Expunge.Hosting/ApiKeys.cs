using System.Security.Claims;
using System.Text.Encodings.Web;
using Expunge.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expunge.Hosting;

/// <summary>The authorization policies endpoints name; an endpoint that names none is for operators only.</summary>
public static class Access
{
    /// <summary>Submitting records and files and following a run: county systems and operators.</summary>
    public const string Submit = "submit";

    /// <summary>Reading filing packages and recording the court's answers: clerks and operators.</summary>
    public const string Filings = "filings";
}

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// The principal is the key's holder, in the key's role; a request without a key, or with one the ring does not hold,
/// gets 401, and one whose role the endpoint does not admit gets 403.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = ApiKeyRing.Header;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[Header];
        if (presented is null && Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());
        if (ring.Find(presented) is not { } key) return Task.FromResult(AuthenticateResult.Fail("The API key is not one this service accepts."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>Adds the client's API key (<c>EXPUNGE_API_KEY</c>) to every request of an HttpClient.</summary>
public sealed class ApiKeyHeader(string? key) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(key)) request.Headers.TryAddWithoutValidation(ApiKeyAuthentication.Header, key);
        return base.SendAsync(request, cancellationToken);
    }
}

public static class ApiKeyRegistration
{
    /// <summary>
    /// API-key authentication, and authorization that admits operators to every endpoint that names no policy (a new
    /// endpoint is closed until someone decides who else may call it).
    /// </summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        var ring = ApiKeyRing.Parse(builder.Configuration[ApiKeyRing.Variable]);
        builder.Services.AddSingleton(ring);
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireRole(Roles.Operator).Build())
            .AddPolicy(Access.Submit, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireRole(Roles.CountyIntegration, Roles.Operator))
            .AddPolicy(Access.Filings, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireRole(Roles.Clerk, Roles.Operator));
        return builder;
    }

    /// <summary>The key this process sends when it calls another service.</summary>
    public static string? ClientKey(this IConfiguration configuration) => configuration[ApiKeyRing.ClientVariable];
}
