using Microsoft.AspNetCore.Http;

namespace Expunge.Hosting;

/// <summary>
/// Who is acting. The caller is the holder of the API key; a front end that holds one key for many people (the console,
/// the CLI of an analyst passing <c>--by</c>) names the person in a header, which is recorded instead.
/// </summary>
public static class Operators
{
    public const string Header = "X-Expunge-Operator";

    public static string Of(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var who) && !string.IsNullOrWhiteSpace(who) ? who.ToString()
        : request.HttpContext.User.Identity?.Name is { Length: > 0 } holder ? holder
        : "unnamed operator";
}
