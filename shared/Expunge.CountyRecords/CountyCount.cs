using System.Globalization;
using System.Text.RegularExpressions;
using Expunge.Doj;

namespace Expunge.CountyRecords;

/// <summary>One count as a county source reports it (a court export row, a DA export row, or a county system's event).
/// <see cref="BookingNumber"/> is the arrest's: DOJ may hold it where the case number should be.</summary>
public sealed record CountyCount(
    string Source,
    string SourceRecordId,
    string RowId,
    string CaseNumber,
    int CountNumber,
    Charge Charge,
    string Level,
    string Disposition,
    DojDate? DispositionDate,
    Sentence Sentence,
    string Agency,
    string Kind = "disposition",
    string Location = "",
    string BookingNumber = "")
{
    public bool IsConviction => Disposition == "CONVICTED";

    /// <summary>Reads an accepted row held in its source's layout (<see cref="CountyLayout.Of"/>).</summary>
    public static CountyCount FromFields(string source, string sourceRecordId, IReadOnlyList<string> fields)
    {
        var layout = CountyLayout.Of(source);
        string Field(string column) => fields[layout.Index(column)];
        var count = int.TryParse(Field("count_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        // A DA row names the court case when it reached court; without one, the count is matched by offense and date.
        var caseNumber = Field("court_case_number");
        var courtShaped = layout != CountyLayout.Da;
        var description = courtShaped ? Field("charge_description") : "";
        return new CountyCount(
            source,
            sourceRecordId,
            $"{sourceRecordId}#{count}",
            caseNumber,
            count,
            CountyCharges.Parse(Field("charge_code"), description),
            Field("charge_level"),
            Field("disposition"),
            DojDate.ParseOrNull(Field("disposition_date")),
            courtShaped ? CountySentences.Parse(Field("sentence")) : Sentence.None,
            Field(courtShaped ? "prosecuting_agency" : "agency"),
            layout == CountyLayout.Event ? Field("event_kind") : "disposition",
            courtShaped ? Field("court_location") : "",
            courtShaped ? Field("booking_number") : "");
    }
}

/// <summary>Free-text sentences such as <c>PROBATION 36M; JAIL 30D</c> or <c>PRISON 2Y</c>: every length is added up.</summary>
public static partial class CountySentences
{
    public static Sentence Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Sentence.None;
        var total = Sentence.None;
        var found = false;
        foreach (Match m in Length().Matches(text.ToUpperInvariant()))
        {
            found = true;
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            total = total.Plus(m.Groups["unit"].Value[0] switch
            {
                'Y' => new Sentence(n, 0, 0, false),
                'M' => new Sentence(0, n, 0, false),
                _ => new Sentence(0, 0, n, false),
            });
        }
        // Text that names no length ("TIME SERVED", "FINE") adds nothing; a length we cannot read makes the end unknown.
        return found || !text.Any(char.IsAsciiDigit) ? total : new Sentence(0, 0, 0, Unknown: true);
    }

    [GeneratedRegex(@"(?<n>\d{1,3})\s*(?<unit>YEARS?|YRS?|Y|MONTHS?|MOS?|M|DAYS?|D)\b")]
    private static partial Regex Length();
}
