using System.Runtime.CompilerServices;
using Dapper;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Doj;
using Expunge.Ingestion.Domain;
using Expunge.Security;
using Npgsql;
using NpgsqlTypes;

namespace Expunge.Ingestion.Data;

/// <summary>What happened to one uploaded file: rows read and rejected, and rows kept with a value read as unknown
/// (<see cref="Warned"/>, the first of them in <see cref="Warnings"/>).</summary>
public sealed record FileIngestion(string File, long Rows, long Rejected, IReadOnlyList<RowError> Errors, string? Refusal = null)
{
    public long Warned { get; init; }

    public IReadOnlyList<RowError> Warnings { get; init; } = [];

    /// <summary>Errors listed per file (counts are always complete), as errors.json specifies.</summary>
    public const int ListedErrorLimit = 1000;
}

public sealed record RejectedRow(string File, long Line, string Code, string Message, string RawText);

/// <summary>A kept row with a value read as unknown.</summary>
public sealed record RowWarning(string File, long Line, string Code, string Message);

public enum FileRefusal { None, RunNotFound, RunNotOpen, DuplicateFileName, NotThisKind }

/// <summary>
/// Stores every row of an uploaded file with one binary COPY inside one transaction: the file is in completely
/// (accepted and rejected rows alike) or not at all, so a broken upload can simply be sent again. A row's fields and a
/// rejected row's text are stored encrypted (<see cref="RawRowColumns"/>).
/// </summary>
public sealed class RawRowStore(NpgsqlDataSource db, FieldCipher cipher)
{
    /// <summary>Synchronous on purpose: the reader streams the request body and COPY streams into the database,
    /// so neither side buffers the file. Call it off the request thread.</summary>
    public (FileIngestion? Result, FileRefusal Refusal) StoreFile(Guid runId, string fileName, string kind, Stream body)
    {
        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction();
        // FOR SHARE: uploads of one run proceed together, while closing the run (an UPDATE) waits for them.
        var status = connection.QuerySingleOrDefault<string>(
            "SELECT status FROM ingestion.run WHERE run_id = @runId FOR SHARE", new { runId }, tx);
        if (status is null) return (null, FileRefusal.RunNotFound);
        if (status != "open") return (null, FileRefusal.RunNotOpen);
        var fileId = connection.QuerySingleOrDefault<int?>("""
            INSERT INTO ingestion.run_file (run_id, name, kind, rows_read, rows_rejected) VALUES (@runId, @fileName, @kind, 0, 0)
            ON CONFLICT (run_id, name) DO NOTHING RETURNING file_id
            """, new { runId, fileName, kind }, tx);
        if (fileId is null) return (null, FileRefusal.DuplicateFileName);

        long rows = 0, rejected = 0, warned = 0;
        var errors = new List<RowError>();
        var warnings = new List<RowError>();
        using (var copy = connection.BeginBinaryImport("""
            COPY ingestion.raw_row (run_id, file_id, source, line, source_record_id, row_id, fields, rejection_code, rejection_reason, raw_text,
                warning_code, warning)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            try
            {
            foreach (var result in ReadRows(kind, body))
            {
                rows++;
                copy.StartRow();
                copy.Write(runId, NpgsqlDbType.Uuid);
                copy.Write(fileId.Value, NpgsqlDbType.Integer);
                copy.Write(kind, NpgsqlDbType.Text);
                if (result.Row is { } row)
                {
                    copy.Write(row.Line, NpgsqlDbType.Bigint);
                    copy.Write(row.RecordId, NpgsqlDbType.Text);
                    if (row.RowId is null) copy.WriteNull(); else copy.Write(row.RowId, NpgsqlDbType.Text);
                    copy.Write(RawRowColumns.SealFields(cipher, row.Fields), NpgsqlDbType.Bytea);
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.WriteNull();
                    if (row.Warnings.Count == 0)
                    {
                        copy.WriteNull();
                        copy.WriteNull();
                    }
                    else
                    {
                        warned++;
                        if (warnings.Count < FileIngestion.ListedErrorLimit) warnings.AddRange(row.Warnings);
                        copy.Write(row.Warnings[0].Code, NpgsqlDbType.Text);
                        copy.Write(cipher.Seal(string.Join("; ", row.Warnings.Select(w => w.Message)), RawRowColumns.Warning), NpgsqlDbType.Bytea);
                    }
                }
                else
                {
                    var error = result.Error!;
                    rejected++;
                    if (errors.Count < FileIngestion.ListedErrorLimit) errors.Add(error);
                    copy.Write(error.Line, NpgsqlDbType.Bigint);
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.Write(error.Code, NpgsqlDbType.Text);
                    copy.Write(cipher.Seal(error.Message, RawRowColumns.RejectionReason), NpgsqlDbType.Bytea);
                    // PostgreSQL text cannot hold NUL; the reason already says the row was binary.
                    copy.Write(cipher.Seal(error.RawText.Replace('\0', '?'), RawRowColumns.RawText), NpgsqlDbType.Bytea);
                    copy.WriteNull();
                    copy.WriteNull();
                }
            }
            }
            catch (CountyFileException ex)
            {
                // Not a file of the kind it was sent as: nothing of it is kept (the transaction rolls back).
                return (new FileIngestion(fileName, 0, 0, [], ex.Message), FileRefusal.NotThisKind);
            }
            copy.Complete();
        }

        connection.Execute("""
            UPDATE ingestion.run_file SET rows_read = @rows, rows_rejected = @rejected, rows_warned = @warned WHERE file_id = @fileId;
            UPDATE ingestion.run SET rows_read = rows_read + @rows, rows_rejected = rows_rejected + @rejected WHERE run_id = @runId;
            """, new { fileId, runId, rows, rejected, warned }, tx);
        tx.Commit();
        return (new FileIngestion(fileName, rows, rejected, errors) { Warned = warned, Warnings = warnings }, FileRefusal.None);
    }

    /// <summary>One shape for every kind's rows: accepted (record, row id, fields, values read as unknown) or rejected.</summary>
    private readonly record struct ReadRow(long Line, string RecordId, string? RowId, string[] Fields, IReadOnlyList<RowError> Warnings);

    private readonly record struct ReadResult(ReadRow? Row, RowError? Error);

    private static IEnumerable<ReadResult> ReadRows(string kind, Stream body) => kind == FileKinds.Doj
        ? DojExtractReader.Read(body).Select(r => new ReadResult(r.Row is { } row ? new ReadRow(row.Line, row.SubjectId, null, row.Fields, row.Warnings) : null, r.Error))
        : CountyExportReader.Read(body, CountyLayout.Of(kind))
            .Select(r => new ReadResult(r.Row is { } row ? new ReadRow(row.Line, row.RecordId, row.RowId, row.Fields, row.Warnings) : null, r.Error));

    /// <summary>Accepted rows of a run, all rows of one record adjacent, in a stable order (so batches are reproducible):
    /// the DOJ subjects first, then the county sources. Matching links records in the order they come, and DOJ's
    /// records (fingerprinted, a CII and a whole date of birth on nearly every one) are the people the county's rows,
    /// most without a CII, then join: linked the other way round, court rows form people among themselves first and a
    /// mistake there cannot be undone by the DOJ record that would have told them apart (measured on a generated county
    /// of 20,000 people: precision 0.9938 and 70 people mixed court first, 0.9996 and 9 DOJ first).</summary>
    public async IAsyncEnumerable<AcceptedRow> AcceptedRowsAsync(Guid runId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // One query per part, so each reads the (run, source, record) index in order instead of sorting the run.
        foreach (var doj in (bool[])[true, false])
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT r.source, r.source_record_id, f.name, r.line, r.fields, r.row_id
                FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id)
                WHERE r.run_id = @runId AND r.rejection_code IS NULL AND r.fields IS NOT NULL AND (r.source = 'doj') = @doj
                ORDER BY r.source, r.source_record_id, r.file_id, r.line
                """, connection);
            cmd.Parameters.AddWithValue("runId", runId);
            cmd.Parameters.AddWithValue("doj", doj);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                yield return new AcceptedRow(reader.GetString(0), reader.GetString(1), new SourceRow
                {
                    File = reader.GetString(2),
                    Line = reader.GetInt64(3),
                    Fields = RawRowColumns.OpenFields(cipher, reader.GetFieldValue<byte[]>(4)),
                    RowId = reader.IsDBNull(5) ? null : reader.GetString(5),
                });
            }
        }
    }

    public async Task<IReadOnlyList<RowWarning>> WarningsAsync(Guid runId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string File, long Line, string Code, byte[] Message)>(new CommandDefinition("""
            SELECT f.name, r.line, r.warning_code, r.warning
            FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id)
            WHERE r.run_id = @runId AND r.warning_code IS NOT NULL
            ORDER BY r.file_id, r.line
            LIMIT @limit
            """, new { runId, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new RowWarning(r.File, r.Line, r.Code, cipher.OpenText(r.Message, RawRowColumns.Warning)))];
    }

    public async Task<IReadOnlyList<RejectedRow>> RejectedAsync(Guid runId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string File, long Line, string Code, byte[] Message, byte[] RawText)>(new CommandDefinition("""
            SELECT f.name, r.line, r.rejection_code, r.rejection_reason, r.raw_text
            FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id)
            WHERE r.run_id = @runId AND r.rejection_code IS NOT NULL
            ORDER BY r.file_id, r.line
            LIMIT @limit
            """, new { runId, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new RejectedRow(r.File, r.Line, r.Code, cipher.OpenText(r.Message, RawRowColumns.RejectionReason), cipher.OpenText(r.RawText, RawRowColumns.RawText)))];
    }
}

/// <summary>How <c>ingestion.raw_row</c> stores what a row says: encrypted (a rejection's reason too: it may quote a
/// field), the fields as a JSON array.</summary>
public static class RawRowColumns
{
    public const string Fields = "ingestion.raw_row.fields";
    public const string RawText = "ingestion.raw_row.raw_text";
    public const string RejectionReason = "ingestion.raw_row.rejection_reason";
    public const string Warning = "ingestion.raw_row.warning";

    public static byte[] SealFields(FieldCipher cipher, IReadOnlyList<string> fields) => cipher.SealJson(fields, Fields);

    public static string[] OpenFields(FieldCipher cipher, byte[] stored) => cipher.OpenJson<string[]>(stored, Fields);
}
