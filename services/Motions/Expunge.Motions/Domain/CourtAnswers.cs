using nietras.SeparatedValues;

namespace Expunge.Motions.Domain;

/// <summary>The court's answer for one row of a filing: accepted, or rejected with its reason.</summary>
public sealed record CourtAnswer(string RowId, bool Accepted, string? Reason);

/// <summary>
/// Reads a court's response file: CSV with a header, columns <c>row_id</c>, <c>outcome</c> (<c>accepted</c> or
/// <c>rejected</c>) and <c>reason</c> (required for a rejection), in any order. Every bad line is named with what
/// was expected; a file with any bad line is refused whole, so a court never half-answers by mistake.
/// </summary>
public static class CourtAnswers
{
    public static (IReadOnlyList<CourtAnswer> Answers, IReadOnlyList<string> Errors) ReadCsv(string text)
    {
        var answers = new List<CourtAnswer>();
        var errors = new List<string>();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromText(text);
        foreach (var column in new[] { "row_id", "outcome" })
        {
            if (!reader.Header.ColNames.Contains(column)) errors.Add($"line 1: the header has no '{column}' column (expected row_id,outcome,reason)");
        }
        if (errors.Count > 0) return ([], errors);
        var hasReason = reader.Header.ColNames.Contains("reason");
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var answer = Parse(row["row_id"].ToString(), row["outcome"].ToString(), hasReason ? row["reason"].ToString() : null, $"line {line}", errors);
            if (answer is not null) answers.Add(answer);
        }
        return (answers, errors);
    }

    /// <summary>One answer as the HTTP API takes it, checked like a file's line.</summary>
    public static CourtAnswer? Parse(string rowId, string outcome, string? reason, string where, List<string> errors)
    {
        if (rowId.Length == 0)
        {
            errors.Add($"{where}: 'row_id' is empty");
            return null;
        }
        var accepted = outcome.Equals("accepted", StringComparison.OrdinalIgnoreCase);
        if (!accepted && !outcome.Equals("rejected", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{where}: 'outcome' is '{outcome}', expected 'accepted' or 'rejected'");
            return null;
        }
        if (!accepted && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add($"{where}: row {rowId} is rejected without a 'reason' (the reason goes back to the reviewer)");
            return null;
        }
        return new CourtAnswer(rowId, accepted, string.IsNullOrWhiteSpace(reason) ? null : reason);
    }
}
