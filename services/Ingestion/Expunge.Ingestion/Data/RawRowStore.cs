using System.Runtime.CompilerServices;
using Dapper;
using Expunge.Contracts;
using Expunge.Doj;
using Npgsql;
using NpgsqlTypes;

namespace Expunge.Ingestion.Data;

/// <summary>What happened to one uploaded file.</summary>
public sealed record FileIngestion(string File, long Rows, long Rejected, IReadOnlyList<RowError> Errors)
{
    /// <summary>Errors listed per file (counts are always complete), as errors.json specifies.</summary>
    public const int ListedErrorLimit = 1000;
}

public sealed record RejectedRow(string File, long Line, string Code, string Message, string RawText);

public enum FileRefusal { None, RunNotFound, RunNotOpen, DuplicateFileName }

/// <summary>
/// Stores every row of an uploaded file with one binary COPY inside one transaction: the file is in completely
/// (accepted and rejected rows alike) or not at all, so a broken upload can simply be sent again.
/// </summary>
public sealed class RawRowStore(NpgsqlDataSource db)
{
    /// <summary>Synchronous on purpose: the reader streams the request body and COPY streams into the database,
    /// so neither side buffers the file. Call it off the request thread.</summary>
    public (FileIngestion? Result, FileRefusal Refusal) StoreDojFile(Guid runId, string fileName, Stream body)
    {
        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction();
        // FOR SHARE: uploads of one run proceed together, while closing the run (an UPDATE) waits for them.
        var status = connection.QuerySingleOrDefault<string>(
            "SELECT status FROM ingestion.run WHERE run_id = @runId FOR SHARE", new { runId }, tx);
        if (status is null) return (null, FileRefusal.RunNotFound);
        if (status != "open") return (null, FileRefusal.RunNotOpen);
        var fileId = connection.QuerySingleOrDefault<int?>("""
            INSERT INTO ingestion.run_file (run_id, name, kind, rows_read, rows_rejected) VALUES (@runId, @fileName, 'doj', 0, 0)
            ON CONFLICT (run_id, name) DO NOTHING RETURNING file_id
            """, new { runId, fileName }, tx);
        if (fileId is null) return (null, FileRefusal.DuplicateFileName);

        long rows = 0, rejected = 0;
        var errors = new List<RowError>();
        using (var copy = connection.BeginBinaryImport("""
            COPY ingestion.raw_row (run_id, file_id, line, source_record_id, fields, rejection_code, rejection_reason, raw_text)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var result in DojExtractReader.Read(body))
            {
                rows++;
                copy.StartRow();
                copy.Write(runId, NpgsqlDbType.Uuid);
                copy.Write(fileId.Value, NpgsqlDbType.Integer);
                if (result.Row is { } row)
                {
                    copy.Write(row.Line, NpgsqlDbType.Bigint);
                    copy.Write(row.SubjectId, NpgsqlDbType.Text);
                    copy.Write(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.WriteNull();
                }
                else
                {
                    var error = result.Error!;
                    rejected++;
                    if (errors.Count < FileIngestion.ListedErrorLimit) errors.Add(error);
                    copy.Write(error.Line, NpgsqlDbType.Bigint);
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.Write(error.Code, NpgsqlDbType.Text);
                    copy.Write(error.Message, NpgsqlDbType.Text);
                    // PostgreSQL text cannot hold NUL; the reason already says the row was binary.
                    copy.Write(error.RawText.Replace('\0', '?'), NpgsqlDbType.Text);
                }
            }
            copy.Complete();
        }

        connection.Execute("""
            UPDATE ingestion.run_file SET rows_read = @rows, rows_rejected = @rejected WHERE file_id = @fileId;
            UPDATE ingestion.run SET rows_read = rows_read + @rows, rows_rejected = rows_rejected + @rejected WHERE run_id = @runId;
            """, new { fileId, runId, rows, rejected }, tx);
        tx.Commit();
        return (new FileIngestion(fileName, rows, rejected, errors), FileRefusal.None);
    }

    /// <summary>Accepted rows of a run, all rows of one record adjacent, in a stable order (so batches are reproducible).</summary>
    public async IAsyncEnumerable<(string RecordId, SourceRow Row)> AcceptedRowsAsync(Guid runId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT r.source_record_id, f.name, r.line, r.fields
            FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id)
            WHERE r.run_id = @runId AND r.rejection_code IS NULL
            ORDER BY r.source_record_id, r.file_id, r.line
            """, connection);
        cmd.Parameters.AddWithValue("runId", runId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (reader.GetString(0), new SourceRow
            {
                File = reader.GetString(1),
                Line = reader.GetInt64(2),
                Fields = reader.GetFieldValue<string[]>(3),
            });
        }
    }

    public async Task<IReadOnlyList<RejectedRow>> RejectedAsync(Guid runId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<RejectedRow>(new CommandDefinition("""
            SELECT f.name AS File, r.line, r.rejection_code AS Code, r.rejection_reason AS Message, r.raw_text AS RawText
            FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id)
            WHERE r.run_id = @runId AND r.rejection_code IS NOT NULL
            ORDER BY r.file_id, r.line
            LIMIT @limit
            """, new { runId, limit }, cancellationToken: ct))];
    }
}
