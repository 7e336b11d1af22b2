using System.Reflection;
using Dapper;
using Npgsql;

namespace Expunge.Persistence;

/// <summary>
/// Applies embedded <c>Migrations/*.sql</c> files in name order, each once, each in its own transaction.
/// A session-level advisory lock makes concurrent starts of several instances of a service take turns.
/// </summary>
public static class DatabaseMigrator
{
    // Any fixed key works; it only has to be the same for every instance migrating this database.
    private const long LockKey = 0x45_58_50_55_4E_47_45; // "EXPUNGE"

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<Assembly> migrationAssemblies, CancellationToken ct = default)
    {
        var migrations = migrationAssemblies
            .SelectMany(a => a.GetManifestResourceNames()
                .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (Assembly: a, Resource: n, Name: MigrationName(a, n))))
            .ToList();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE SCHEMA IF NOT EXISTS migrations;
                CREATE TABLE IF NOT EXISTS migrations.applied (
                    name       text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken: ct));
            var applied = (await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM migrations.applied", cancellationToken: ct))).ToHashSet();

            // Shared migrations (the messaging schema) come from the first assembly and run before a service's own.
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Name)))
            {
                var sql = await ReadResourceAsync(migration.Assembly, migration.Resource);
                await using var tx = await connection.BeginTransactionAsync(ct);
                // No command timeout: a migration that rewrites a table (encrypting a column of a county's millions of raw
                // rows) takes minutes, and Npgsql's 30 s default stopped the service half-way through its start (the bench
                // database, 1 M rows: the eligibility service never came up). The transaction keeps it all or nothing.
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO migrations.applied (name) VALUES (@Name)", new { migration.Name }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private static string MigrationName(Assembly assembly, string resource) =>
        $"{assembly.GetName().Name}/{resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..]}";

    private static async Task<string> ReadResourceAsync(Assembly assembly, string resource)
    {
        await using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration {resource} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
