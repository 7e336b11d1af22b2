using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Expunge.Testing;
using Npgsql;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// TLS when configured: the five services given an <c>amqps://</c> broker and <c>SSL Mode=VerifyFull</c> databases,
/// both certificates from a private CA (EXPUNGE_TLS_CA), carry a run end to end, and the broker and PostgreSQL both
/// say every one of their connections is encrypted.
/// </summary>
public sealed class TlsTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task With_amqps_and_verified_database_tls_configured_every_connection_is_encrypted_and_a_run_completes()
    {
        infrastructure.Require();
        var (tlsBroker, ca) = infrastructure.Tls ?? throw new InvalidOperationException(
            "EXPUNGE_RABBITMQ_TLS and EXPUNGE_TLS_CA are not set: scripts/infra.sh sets up the TLS listener and certificates (./expunge test exports them).");
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 50,
            extra: new Dictionary<string, string> { ["EXPUNGE_TLS_CA"] = ca },
            route: direct => new UriBuilder(direct) { Scheme = "amqps", Host = tlsBroker.Host, Port = tlsBroker.Port }.Uri,
            // Host must be the certificate's name (localhost) for VerifyFull.
            databaseRoute: connection => new NpgsqlConnectionStringBuilder(connection) { Host = "localhost", SslMode = SslMode.VerifyFull, RootCertificate = ca }.ConnectionString);
        using var client = new PipelineClient(stack);
        var (file, _) = EndToEndTests.Generate(people: 200, badRows: 0, seed: 5);

        var runId = await client.SubmitAsync(file);
        await client.WaitCompleteAsync(runId, TimeSpan.FromMinutes(3));

        using var management = infrastructure.ManagementClient();
        var connections = (await management.GetFromJsonAsync<JsonElement>($"api/vhosts/{Uri.EscapeDataString(stack.VirtualHost)}/connections", TestContext.Current.CancellationToken))
            .EnumerateArray().ToList();
        Assert.True(connections.Count >= 5, $"only {connections.Count} broker connections from five services");
        Assert.All(connections, c => Assert.True(c.GetProperty("ssl").GetBoolean(), $"broker connection {c.GetProperty("name")} is not TLS"));

        await using var admin = new NpgsqlConnection(infrastructure.PostgresAdmin);
        var databases = stack.Databases.Values.Select(c => new NpgsqlConnectionStringBuilder(c).Database!).ToArray();
        var sessions = (await admin.QueryAsync<(string Database, bool Ssl)>("""
            SELECT a.datname, s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = ANY(@databases)
            """, new { databases })).ToList();
        Assert.True(sessions.Select(s => s.Database).Distinct().Count() == 5, $"sessions in {sessions.Select(s => s.Database).Distinct().Count()} of the 5 databases");
        Assert.All(sessions, s => Assert.True(s.Ssl, $"a session on {s.Database} is not TLS"));
    }
}
