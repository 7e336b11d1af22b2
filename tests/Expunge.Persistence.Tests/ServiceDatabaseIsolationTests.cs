using Expunge.Testing;
using Npgsql;

namespace Expunge.Persistence.Tests;

/// <summary>
/// The cluster <c>scripts/infra.sh</c> sets up (what <c>./expunge up</c>, the tests and CI run on): one database and one
/// login role per service, and no role can so much as connect to another service's database. A matching bug or a
/// stolen matching password must not reach ingestion's raw rows.
/// </summary>
public sealed class ServiceDatabaseIsolationTests(Infrastructure infrastructure)
{
    private static readonly string[] Services = ["ingestion", "matching", "eligibility", "motions", "notifications"];

    public static TheoryData<string> Roles() => [.. Services];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_service_role_reaches_its_own_database_and_no_other(string service)
    {
        infrastructure.Require();
        if (Environment.GetEnvironmentVariable("EXPUNGE_PG_ADMIN") is null)
        {
            Assert.Skip("Testcontainers' PostgreSQL has no service roles: this checks the cluster scripts/infra.sh sets up.");
        }

        await using (var own = new NpgsqlConnection(ConnectionAs(service, service)))
        {
            await own.OpenAsync(TestContext.Current.CancellationToken);
        }
        foreach (var other in Services.Where(s => s != service))
        {
            await using var foreign = new NpgsqlConnection(ConnectionAs(service, other));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => foreign.OpenAsync(TestContext.Current.CancellationToken));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    /// <summary>The service's role (local password convention <c>&lt;role&gt;-dev</c>) on a service's database.</summary>
    private string ConnectionAs(string service, string database) => new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdmin)
    {
        Username = $"expunge_{service}",
        Password = $"expunge_{service}-dev",
        Database = $"expunge_{database}",
        Pooling = false,
    }.ConnectionString;
}
