using System.Text;
using Expunge.EligibilityRules;
using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole;

/// <summary>Files an operator downloads through the console (the services are not reachable from a browser).</summary>
public static class DownloadsEndpoints
{
    public static async Task<IResult> RejectedRowsAsync(Guid runId, PipelineApis apis, CancellationToken ct)
    {
        var rows = await apis.RejectedAsync(runId, 100_000, ct);
        var csv = new StringBuilder("file,line,code,message,raw_text\r\n");
        foreach (var r in rows)
        {
            csv.Append(ConvictionRows.ToCsvLine(new[] { r.File, r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Code, r.Message, r.RawText }
                .Select(NotAFormula))).Append("\r\n");
        }
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"rejected-{runId}.csv");
    }

    public static async Task DocumentAsync(Guid packageId, string name, PipelineApis apis, HttpContext http, CancellationToken ct)
    {
        using var response = await apis.DocumentAsync(packageId, name, ct);
        http.Response.StatusCode = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            await http.Response.WriteAsync($"The motions service has no document '{name}' in package {packageId}.", ct);
            return;
        }
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await response.Content.CopyToAsync(http.Response.Body, ct);
    }

    /// <summary>A cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula (a rejected
    /// row is whatever a source sent).</summary>
    private static string NotAFormula(string value) => value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value;
}
