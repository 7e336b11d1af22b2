using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Motions.Documents;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;
using NpgsqlTypes;

namespace Expunge.Motions.Data;

/// <summary>A request for packages: a run's, or (no run) everything changed since the previous such request.</summary>
public sealed record FilingRequest(Guid RequestId, Guid? RunId, long? SinceSeq, long? ThroughSeq, bool AnnouncesRun, int? BatchCount, long? People,
    string RequestedBy, DateTime RequestedAt, DateTime? CompletedAt, int? Packages, [property: System.Text.Json.Serialization.JsonIgnore] string? TraceParent);

public sealed record DocumentInfo(string Name, string MediaType, long Bytes, string Sha256);

public sealed record PackageInfo(Guid PackageId, string PackageKey, int Version, Guid RequestId, Guid? RunId, string Court, string Agency, int Rows,
    int EligibleRows, DateTime CreatedAt)
{
    public IReadOnlyList<DocumentInfo> Documents { get; init; } = [];
    public int Accepted { get; init; }
    public int Rejected { get; init; }
}

/// <summary>Filing requests, packages, their rows and documents, and the court's responses (motions' own database).</summary>
public sealed class FilingStore(NpgsqlDataSource db, FieldCipher cipher)
{
    /// <summary>A package's documents list people by name: stored encrypted (Expunge.Security.FieldCipher). The size and
    /// SHA-256 kept beside them are of the document itself, as a clerk downloads it.</summary>
    public const string DocumentColumn = "motions.document.content";

    private const string RequestColumns = """
        request_id AS RequestId, run_id AS RunId, since_seq AS SinceSeq, through_seq AS ThroughSeq, announces_run AS AnnouncesRun,
        batch_count AS BatchCount, people, requested_by AS RequestedBy, requested_at AS RequestedAt, completed_at AS CompletedAt, packages,
        trace_parent AS TraceParent
        """;

    private const string PackageColumns = """
        package_id AS PackageId, package_key AS PackageKey, version, request_id AS RequestId, run_id AS RunId, court, agency, rows,
        eligible_rows AS EligibleRows, created_at AS CreatedAt
        """;

    /// <summary>The request a completed run makes (once: its id is the run's), to be announced when its packages exist.</summary>
    public static Task RequestForCompletedRunAsync(OutboxTransaction tx, Guid runId, int batchCount, long people, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO motions.filing_request (request_id, run_id, requested_by, announces_run, batch_count, people, trace_parent)
            VALUES (@requestId, @runId, 'run completed', true, @batchCount, @people, @traceParent) ON CONFLICT DO NOTHING
            """, new { requestId = MessageIds.For(runId, "motions.filing-request", 0), runId, batchCount, people, traceParent = MessagingTelemetry.CurrentTraceParent() },
            tx.Transaction, cancellationToken: ct));

    /// <summary>An operator's request: a run's packages again (new versions), or, without a run, everything decided
    /// since the previous such request.</summary>
    public async Task<Guid> RequestAsync(Guid? runId, string by, CancellationToken ct) =>
        await InsertRequestAsync(runId, by, onlyWhenChanged: false, ct) ?? throw new InvalidOperationException("request not made");

    /// <summary>The schedule's request for everything decided since the previous one; none (null) when nothing has
    /// changed since, so an idle county gets no empty packages and two instances on one schedule make one request.</summary>
    public Task<Guid?> RequestChangesSinceLastAsync(string by, CancellationToken ct) => InsertRequestAsync(null, by, onlyWhenChanged: true, ct);

    private async Task<Guid?> InsertRequestAsync(Guid? runId, string by, bool onlyWhenChanged, CancellationToken ct)
    {
        var requestId = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One "since" request at a time takes its range: the lock keeps two from covering the same changes.
        await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE motions.filing_request IN SHARE ROW EXCLUSIVE MODE", transaction: tx, cancellationToken: ct));
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            WITH range AS (
                SELECT CASE WHEN @runId::uuid IS NULL THEN coalesce((SELECT max(through_seq) FROM motions.filing_request WHERE run_id IS NULL), 0) END AS since_seq,
                       CASE WHEN @runId::uuid IS NULL THEN coalesce((SELECT max(change_seq) FROM motions.conviction), 0) END AS through_seq)
            INSERT INTO motions.filing_request (request_id, run_id, since_seq, through_seq, requested_by, trace_parent)
            SELECT @requestId, @runId, since_seq, through_seq, @by, @traceParent FROM range
            WHERE NOT @onlyWhenChanged OR through_seq > since_seq
            """, new { requestId, runId, by, onlyWhenChanged, traceParent = MessagingTelemetry.CurrentTraceParent() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return inserted == 1 ? requestId : null;
    }

    /// <summary>The oldest request not yet turned into packages, locked for this transaction (several workers share them).</summary>
    public static Task<FilingRequest?> ClaimPendingAsync(OutboxTransaction tx, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<FilingRequest>(new CommandDefinition($"""
            SELECT {RequestColumns} FROM motions.filing_request WHERE completed_at IS NULL
            ORDER BY requested_at, request_id LIMIT 1 FOR UPDATE SKIP LOCKED
            """, transaction: tx.Transaction, cancellationToken: ct));

    /// <summary>The convictions a request files: a run's, or those changed in the request's range; current decisions only.</summary>
    public async Task<IReadOnlyList<FilingRow>> RowsForAsync(OutboxTransaction tx, FilingRequest request, CancellationToken ct)
    {
        var rows = await tx.Connection.QueryAsync<StoredRow>(new CommandDefinition(request.RunId is not null ? """
                SELECT c.row_id AS RowId, c.source, c.source_record_id AS SourceRecordId, c.cnt_order AS CntOrder, c.person_id AS PersonId,
                       c.determination, c.reason_code AS ReasonCode, c.filing AS Filing
                FROM motions.run_conviction r JOIN motions.conviction c USING (source, source_record_id, cnt_order)
                WHERE r.run_id = @RunId AND c.status = 'decided'
                """ : """
                SELECT row_id AS RowId, source, source_record_id AS SourceRecordId, cnt_order AS CntOrder, person_id AS PersonId,
                       determination, reason_code AS ReasonCode, filing AS Filing
                FROM motions.conviction WHERE change_seq > @SinceSeq AND change_seq <= @ThroughSeq AND status = 'decided'
                """, request, tx.Transaction, cancellationToken: ct));
        return [.. rows.Select(r => new FilingRow(r.RowId, r.Source, r.SourceRecordId, r.CntOrder, r.PersonId, r.Determination, r.ReasonCode,
            cipher.OpenJson<ConvictionFiling>(r.Filing, ConvictionLedger.FilingColumn)))];
    }

    /// <summary>The name a package keeps across versions: what it files (a run, or changes since the last request) and for whom.</summary>
    public static string KeyOf(FilingRequest request, PackagePlan plan) =>
        $"{(request.RunId is { } run ? $"run:{run}" : "since")}|{plan.Court}|{plan.ProsecutingAgency}";

    /// <summary>Stores one package with its rows and documents; returns its version (one more than the key's last) and its documents.</summary>
    public async Task<(int Version, IReadOnlyList<DocumentInfo> Documents)> StorePackageAsync(OutboxTransaction tx, Guid packageId, FilingRequest request, PackagePlan plan,
        Func<int, IReadOnlyList<GeneratedDocument>> documents, CancellationToken ct)
    {
        var key = KeyOf(request, plan);
        var version = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) + 1 FROM motions.package WHERE package_key = @key", new { key }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO motions.package (package_id, package_key, version, request_id, run_id, court, agency, rows, eligible_rows)
            VALUES (@packageId, @key, @version, @RequestId, @RunId, @court, @agency, @rows, @eligible)
            """, new { packageId, key, version, request.RequestId, request.RunId, court = plan.Court, agency = plan.ProsecutingAgency,
                rows = plan.Rows.Count, eligible = plan.Listed(FilingList.Exhibit).Count }, tx.Transaction, cancellationToken: ct));
        await using (var copy = await tx.Connection.BeginBinaryImportAsync(
            "COPY motions.package_row (package_id, row_id, list, source, source_record_id, cnt_order) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in plan.Rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(packageId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.RowId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(ListName(row.List), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Source, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.SourceRecordId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.CntOrder, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var stored = new List<DocumentInfo>();
        foreach (var document in documents(version))
        {
            var info = new DocumentInfo(document.Name, document.MediaType, document.Content.LongLength, Convert.ToHexStringLower(SHA256.HashData(document.Content)));
            stored.Add(info);
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO motions.document (package_id, name, media_type, bytes, sha256, content) VALUES (@packageId, @Name, @MediaType, @bytes, @sha, @Content)
                """, new { packageId, document.Name, document.MediaType, bytes = info.Bytes, sha = info.Sha256, Content = cipher.Seal(document.Content, DocumentColumn) },
                tx.Transaction, cancellationToken: ct));
        }
        return (version, stored);
    }

    public static Task CompleteAsync(OutboxTransaction tx, Guid requestId, int packages, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE motions.filing_request SET completed_at = now(), packages = @packages WHERE request_id = @requestId",
            new { requestId, packages }, tx.Transaction, cancellationToken: ct));

    public static string ListName(FilingList list) => list switch
    {
        FilingList.Exhibit => "exhibit",
        FilingList.NeedsCaseNumber => "needs-case-number",
        FilingList.CityAttorneys => "city-attorneys",
        FilingList.HandReview => "hand-review",
        _ => "not-eligible",
    };

    public async Task<FilingRequest?> FindRequestAsync(Guid requestId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FilingRequest>(new CommandDefinition(
            $"SELECT {RequestColumns} FROM motions.filing_request WHERE request_id = @requestId", new { requestId }, cancellationToken: ct));
    }

    /// <summary>Packages, newest first: a run's, or all; each with its documents and the court's responses so far.</summary>
    public async Task<IReadOnlyList<PackageInfo>> PackagesAsync(Guid? runId, Guid? packageId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var packages = (await connection.QueryAsync<PackageInfo>(new CommandDefinition($"""
            SELECT {PackageColumns} FROM motions.package
            WHERE (@runId::uuid IS NULL OR run_id = @runId) AND (@packageId::uuid IS NULL OR package_id = @packageId)
            ORDER BY created_at DESC, court, agency LIMIT @limit
            """, new { runId, packageId, limit }, cancellationToken: ct))).ToList();
        var ids = packages.Select(p => p.PackageId).ToArray();
        var documents = (await connection.QueryAsync<(Guid PackageId, string Name, string MediaType, long Bytes, string Sha256)>(new CommandDefinition(
            "SELECT package_id, name, media_type, bytes, sha256 FROM motions.document WHERE package_id = ANY(@ids) ORDER BY package_id, name",
            new { ids }, cancellationToken: ct))).ToLookup(d => d.PackageId);
        var responses = (await connection.QueryAsync<(Guid PackageId, string Outcome, int Count)>(new CommandDefinition(
            "SELECT package_id, outcome, count(*)::int FROM motions.court_response WHERE package_id = ANY(@ids) GROUP BY 1, 2",
            new { ids }, cancellationToken: ct))).ToLookup(r => r.PackageId);
        return [.. packages.Select(p => p with
        {
            Documents = [.. documents[p.PackageId].OrderBy(d => DocumentOrder(d.Name)).Select(d => new DocumentInfo(d.Name, d.MediaType, d.Bytes, d.Sha256))],
            Accepted = responses[p.PackageId].Where(r => r.Outcome == "accepted").Sum(r => r.Count),
            Rejected = responses[p.PackageId].Where(r => r.Outcome == "rejected").Sum(r => r.Count),
        })];
    }

    private static int DocumentOrder(string name) =>
        Array.IndexOf<string>(["motion.pdf", "proposed-order.pdf", "exhibit-a.pdf", "exhibit-a.csv"], name) is var i and >= 0 ? i : 10;

    /// <summary>Streams a document's bytes (a county exhibit runs to megabytes: not buffered twice).</summary>
    public async Task<(DocumentInfo Info, byte[] Content)?> DocumentAsync(Guid packageId, string name, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string MediaType, long Bytes, string Sha256, byte[] Content)?>(new CommandDefinition(
            "SELECT name, media_type, bytes, sha256, content FROM motions.document WHERE package_id = @packageId AND name = @name",
            new { packageId, name }, cancellationToken: ct));
        return row is { } r ? (new DocumentInfo(r.Name, r.MediaType, r.Bytes, r.Sha256), cipher.Open(r.Content, DocumentColumn)) : null;
    }

    private sealed class StoredRow
    {
        public string RowId { get; set; } = "";
        public string Source { get; set; } = "";
        public string SourceRecordId { get; set; } = "";
        public string CntOrder { get; set; } = "";
        public Guid PersonId { get; set; }
        public string Determination { get; set; } = "";
        public string ReasonCode { get; set; } = "";
        public byte[] Filing { get; set; } = [];
    }
}
