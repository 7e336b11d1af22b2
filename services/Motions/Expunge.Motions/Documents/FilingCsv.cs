using Expunge.Motions.Domain;
using nietras.SeparatedValues;

namespace Expunge.Motions.Documents;

/// <summary>A package's rows as CSV for the court's case-management system (UTF-8, header row, RFC 4180 quoting).</summary>
public static class FilingCsv
{
    public static readonly IReadOnlyList<(string Column, Func<FilingRow, string> Value)> Columns =
    [
        ("row_id", r => r.RowId),
        ("court_case_number", r => r.Filing.CourtCaseNumber),
        ("count_number", r => r.Filing.CountNumber),
        ("defendant_name", r => r.Filing.DefendantName),
        ("aka_names", r => string.Join(";", r.Filing.Aliases)),
        ("date_of_birth", r => r.Filing.DateOfBirth),
        ("cii_number", r => r.Filing.CiiNumber),
        ("code_section", r => r.Filing.CodeSection),
        ("level", r => r.Filing.Level),
        ("conviction_date", r => r.Filing.ConvictionDate),
        ("relief", r => r.Filing.Relief),
        ("legal_basis", r => r.Filing.LegalBasis),
        ("determination", r => r.Determination),
        ("reason_code", r => r.ReasonCode),
        ("reason", r => r.Filing.Reason),
        ("court", r => r.Filing.Court),
        ("court_location", r => r.Filing.CourtLocation),
        ("prosecuting_agency", r => r.Filing.ProsecutingAgency),
        ("sources", r => r.Filing.Sources),
        ("source", r => r.Source),
        ("source_record_id", r => r.SourceRecordId),
        ("cnt_order", r => r.CntOrder),
        ("person_id", r => r.PersonId.ToString()),
    ];

    public static byte[] Render(IReadOnlyList<FilingRow> rows)
    {
        using var output = new MemoryStream();
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true))
        {
            foreach (var r in rows)
            {
                using var row = writer.NewRow();
                foreach (var (column, value) in Columns) row[column].Set(value(r));
            }
        }
        return output.ToArray();
    }
}
