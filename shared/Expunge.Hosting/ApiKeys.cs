using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expunge.Hosting;

/// <summary>Who may call the services' business APIs (everything but health, metrics and the OpenAPI document).</summary>
public static class Roles
{
    /// <summary>A county system submitting records and files, and following its runs.</summary>
    public const string CountyIntegration = "county-integration";

    /// <summary>Everything an operator does: runs, reviews, policies, filings, recipients, deliveries.</summary>
    public const string Operator = "operator";

    /// <summary>A court clerk: reads filing packages and records the court's answers.</summary>
    public const string Clerk = "clerk";

    public static readonly IReadOnlyList<string> All = [CountyIntegration, Operator, Clerk];
}

/// <summary>The authorization policies endpoints name; an endpoint that names none is for operators only.</summary>
public static class Access
{
    /// <summary>Submitting records and files and following a run: county systems and operators.</summary>
    public const string Submit = "submit";

    /// <summary>Reading filing packages and recording the court's answers: clerks and operators.</summary>
    public const string Filings = "filings";
}

/// <summary>One API key as the services store it: who holds it, in which role, and the SHA-256 of the key (never the key).</summary>
public sealed record ApiKey(string Name, string Role, byte[] Hash);

/// <summary>
/// The keys the services accept, from <c>EXPUNGE_API_KEYS</c>: <c>name:role:sha256-hex;…</c>. A holder may have several
/// keys at once, which is how a key is rotated: add the new one, move the client over, remove the old one. The keys are
/// 32 random bytes (<see cref="NewKey"/>), so a plain SHA-256 is enough to keep a leaked configuration from being a
/// leaked key; a slow password hash would only slow every request.
/// </summary>
public sealed class ApiKeyRing(IReadOnlyList<ApiKey> keys)
{
    public const string Variable = "EXPUNGE_API_KEYS";

    /// <summary>The key a client (the CLI, the console, one service calling another) sends.</summary>
    public const string ClientVariable = "EXPUNGE_API_KEY";

    public IReadOnlyList<ApiKey> Keys => keys;

    public static ApiKeyRing Parse(string? setting)
    {
        var keys = new List<ApiKey>();
        var entries = (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var fields = entries[i].Split(':');
            string Problem(string what) => $"{Variable} entry {i + 1} ('{(fields.Length > 0 ? fields[0] : "")}:…'): {what}";
            if (fields.Length != 3) throw new InvalidOperationException(Problem($"expected name:role:sha256-hex, found {fields.Length} fields"));
            if (fields[0].Length == 0) throw new InvalidOperationException(Problem("the name is empty"));
            if (!Roles.All.Contains(fields[1])) throw new InvalidOperationException(Problem($"role '{fields[1]}' is not one of {string.Join(", ", Roles.All)}"));
            byte[] hash;
            try
            {
                hash = Convert.FromHexString(fields[2]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException(Problem("the hash is not hexadecimal"));
            }
            if (hash.Length != 32) throw new InvalidOperationException(Problem($"the hash has {hash.Length} bytes; a SHA-256 has 32"));
            keys.Add(new ApiKey(fields[0], fields[1], hash));
        }
        return new ApiKeyRing(keys);
    }

    /// <summary>The holder of <paramref name="presented"/>, compared in constant time with every stored hash.</summary>
    public ApiKey? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) found = key;
        }
        return found;
    }

    public static string NewKey() => "exk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The <c>EXPUNGE_API_KEYS</c> entry for a key.</summary>
    public static string EntryFor(string name, string role, string key) =>
        $"{name}:{role}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant()}";
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
    public const string Header = "X-Api-Key";

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
