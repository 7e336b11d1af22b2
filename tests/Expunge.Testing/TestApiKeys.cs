using Expunge.Security;

namespace Expunge.Testing;

/// <summary>One API key per role for the services a test starts (fresh for each test process, like a county's own).</summary>
public static class TestApiKeys
{
    public static readonly string CountyIntegration = ApiKeyRing.NewKey();
    public static readonly string Operator = ApiKeyRing.NewKey();
    public static readonly string Clerk = ApiKeyRing.NewKey();

    /// <summary>What the services are started with (EXPUNGE_API_KEYS).</summary>
    public static readonly string Ring = string.Join(";",
        ApiKeyRing.EntryFor("test-county-system", Roles.CountyIntegration, CountyIntegration),
        ApiKeyRing.EntryFor("test-operator", Roles.Operator, Operator),
        ApiKeyRing.EntryFor("test-clerks", Roles.Clerk, Clerk));

    public static string For(string role) => role switch
    {
        Roles.CountyIntegration => CountyIntegration,
        Roles.Operator => Operator,
        Roles.Clerk => Clerk,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    /// <summary>An HttpClient on <paramref name="baseAddress"/> that sends <paramref name="role"/>'s key.</summary>
    public static HttpClient Client(Uri baseAddress, string role = Roles.Operator)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add(ApiKeyRing.Header, For(role));
        return http;
    }
}
