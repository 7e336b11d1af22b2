using Dapper;
using Expunge.EligibilityRules;
using Npgsql;

namespace Expunge.Eligibility.Data;

public sealed record StoredPolicy(string County, int Version, string Name, string PolicyJson, DateTime CreatedAt, string CreatedBy);

/// <summary>County policies, versioned: setting a policy adds a version; nothing is overwritten.</summary>
public sealed class PolicyStore(NpgsqlDataSource db)
{
    private const string Columns = "county, version, name, policy_json AS PolicyJson, created_at AS CreatedAt, created_by AS CreatedBy";

    /// <summary>Validates and stores a policy as the county's next version. Throws <see cref="PolicyException"/>.</summary>
    public async Task<StoredPolicy> AddAsync(string county, string json, string by, CancellationToken ct)
    {
        var policy = PolicyFile.Parse(json, countyOverride: county);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Serialise versions per county: two operators saving at once get versions n and n+1, not a conflict.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@county))", new { county = policy.County }, tx, cancellationToken: ct));
        var stored = await connection.QuerySingleAsync<StoredPolicy>(new CommandDefinition($"""
            INSERT INTO eligibility.policy (county, version, name, policy_json, created_by)
            SELECT @County, coalesce(max(version), 0) + 1, @Name, @json, @by FROM eligibility.policy WHERE county = @County
            RETURNING {Columns}
            """, new { policy.County, policy.Name, json, by }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return stored;
    }

    public async Task<IReadOnlyList<StoredPolicy>> LatestAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<StoredPolicy>(new CommandDefinition($"""
            SELECT DISTINCT ON (county) {Columns} FROM eligibility.policy ORDER BY county, version DESC
            """, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<StoredPolicy>> VersionsAsync(string county, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<StoredPolicy>(new CommandDefinition(
            $"SELECT {Columns} FROM eligibility.policy WHERE county = @county ORDER BY version DESC", new { county = county.Trim().ToUpperInvariant() }, cancellationToken: ct))];
    }

    /// <summary>The latest version of every county's policy, parsed (the version stored is the version decided with).</summary>
    public async Task<IReadOnlyList<Policy>> CurrentPoliciesAsync(CancellationToken ct) =>
        [.. (await LatestAsync(ct)).Select(p => PolicyFile.Parse(p.PolicyJson, p.County) with { Version = p.Version })];
}
