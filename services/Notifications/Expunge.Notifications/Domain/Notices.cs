using System.Globalization;
using Expunge.Contracts;

namespace Expunge.Notifications.Domain;

/// <summary>An alert for operators: what it is about, never whom.</summary>
public sealed record AlertNotice(Guid AlertId, string Kind, string Summary, DateTime OpenedAt);

/// <summary>
/// What a recipient is told. Subjects and first lines name the package, the court and the count only: a mail
/// preview or a log line must never carry a name, a date of birth or a case number. The details are in the
/// documents, attached or behind the links.
/// </summary>
public static class Notices
{
    public static string Reference(FilingGenerated f) => $"{f.PackageId.ToString()[..8].ToUpperInvariant()} v{f.Version.ToString(CultureInfo.InvariantCulture)}";

    public static string Subject(FilingGenerated f) => $"Filing package {Reference(f)} is ready";

    public static Uri DocumentUrl(Uri motions, Guid packageId, string name) => new(motions, $"/api/v1/filings/{packageId}/documents/{Uri.EscapeDataString(name)}");

    public static string Body(FilingGenerated f, Uri motions, bool attached)
    {
        var lines = new List<string>
        {
            "A filing package under Health and Safety Code sections 11361.8 and 11361.9 is ready for the court.",
            "",
            $"Package:             {Reference(f)} ({f.PackageId})",
            $"Court:               {f.Court}",
            $"Prosecuting agency:  {f.ProsecutingAgency}",
            $"Convictions in the motion's Exhibit A: {f.EligibleRows.ToString("N0", CultureInfo.InvariantCulture)}",
            "",
            attached ? "The documents are attached, and can be downloaded here:" : "The documents can be downloaded here:",
        };
        lines.AddRange(f.Documents.Select(d => $"  {d.Name} ({d.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, SHA-256 {d.Sha256}): {DocumentUrl(motions, f.PackageId, d.Name)}"));
        lines.Add("");
        lines.Add("Please return the court's answer for each row (row_id, outcome accepted or rejected, reason) to the");
        lines.Add($"prosecuting agency, or post it to {new Uri(motions, $"/api/v1/filings/{f.PackageId}/responses")}.");
        return string.Join("\r\n", lines);
    }

    /// <summary>What a webhook receiver gets for a package: the same facts, with download links.</summary>
    public static object WebhookPayload(FilingGenerated f, Uri motions) => new
    {
        type = "filing.generated",
        packageId = f.PackageId,
        version = f.Version,
        runId = f.RunId,
        court = f.Court,
        prosecutingAgency = f.ProsecutingAgency,
        eligibleRows = f.EligibleRows,
        documents = f.Documents.Select(d => new { d.Name, d.MediaType, d.Bytes, d.Sha256, url = DocumentUrl(motions, f.PackageId, d.Name) }),
    };

    public static string AlertSubject(AlertNotice a) => $"Expunge alert: {a.Kind.Replace('-', ' ')}";

    public static object AlertPayload(AlertNotice a) => new { type = $"alert.{a.Kind}", alertId = a.AlertId, kind = a.Kind, summary = a.Summary, openedAt = a.OpenedAt };
}
