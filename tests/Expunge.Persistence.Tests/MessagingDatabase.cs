using Expunge.Testing;
using Npgsql;

namespace Expunge.Persistence.Tests;

/// <summary>A fresh database with the messaging schema (inbox, outbox, run progress) migrated.</summary>
internal static class MessagingDatabase
{
    public static async Task<NpgsqlDataSource> CreateAsync(Infrastructure infrastructure, string purpose)
    {
        var dataSource = NpgsqlDataSource.Create(await infrastructure.CreateDatabaseAsync(purpose));
        await DatabaseMigrator.MigrateAsync(dataSource, [typeof(RunProgress).Assembly], TestContext.Current.CancellationToken);
        return dataSource;
    }
}
