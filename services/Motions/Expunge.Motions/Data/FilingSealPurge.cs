using Dapper;
using Expunge.Contracts;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Motions.Data;

/// <summary>
/// After a sealed conviction's hold: its ledger row keeps where and how it was filed but loses the person's name, date
/// of birth, CII and case number; the documents of superseded versions of packages that listed it are deleted. The
/// current version of a package is the filing the court acted on and stays.
/// </summary>
public sealed class FilingSealPurge(FieldCipher cipher) : ISealPurge
{
    public async Task PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> due, CancellationToken ct)
    {
        var rowIds = due.Select(d => FilingRowIds.Of(d.ConvictionSource, d.ConvictionRecordId, d.ConvictionCntOrder)).Distinct().ToArray();
        var filings = await connection.QueryAsync<(string RowId, byte[] Filing)>(new CommandDefinition(
            "SELECT row_id, filing FROM motions.conviction WHERE row_id = ANY(@rowIds) FOR UPDATE", new { rowIds }, tx, cancellationToken: ct));
        foreach (var (rowId, stored) in filings)
        {
            var f = cipher.OpenJson<ConvictionFiling>(stored, ConvictionLedger.FilingColumn);
            var kept = new ConvictionFiling
            {
                Court = f.Court, CourtLocation = f.CourtLocation, ProsecutingAgency = f.ProsecutingAgency, CodeSection = f.CodeSection,
                Level = f.Level, Relief = f.Relief, LegalBasis = f.LegalBasis, Sources = f.Sources,
            };
            await connection.ExecuteAsync(new CommandDefinition("UPDATE motions.conviction SET filing = @filing WHERE row_id = @rowId",
                new { rowId, filing = cipher.SealJson(kept, ConvictionLedger.FilingColumn) }, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM motions.document d
            USING motions.package p
            WHERE d.package_id = p.package_id
              AND EXISTS (SELECT 1 FROM motions.package_row r WHERE r.package_id = p.package_id AND r.row_id = ANY(@rowIds))
              AND EXISTS (SELECT 1 FROM motions.package newer WHERE newer.package_key = p.package_key AND newer.version > p.version)
            """, new { rowIds }, tx, cancellationToken: ct));
    }
}
