using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Expunge.Hosting;

/// <summary>
/// A request the framework cannot bind (a body that is not JSON, a required member missing, a number where text is
/// expected) answers 400 with the reason as problem details. Left alone, ASP.NET Core answers such a request with an
/// empty 400 in production and lets it surface as a 500 in development: neither tells a county's integration team
/// what to fix. The reason is the parser's (member, path and position), never the values sent.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        http.Response.StatusCode = bad.StatusCode;
        var because = bad.InnerException is { } inner ? $": {inner.Message}" : "";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message + because },
        });
    }
}
