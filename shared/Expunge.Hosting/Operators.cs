using Microsoft.AspNetCore.Http;

namespace Expunge.Hosting;

/// <summary>Who is acting: until authentication exists (the security issue), the operator names themselves in a header.</summary>
public static class Operators
{
    public const string Header = "X-Expunge-Operator";

    public static string Of(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var who) && !string.IsNullOrWhiteSpace(who) ? who.ToString() : "unnamed operator";
}
