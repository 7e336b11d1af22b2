using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace Expunge.Testing;

/// <summary>
/// The real RabbitMQ and PostgreSQL the tests run against (one per test assembly, as an assembly fixture).
/// Each test asks for its own database and virtual host, so tests and a running `./expunge up` stack never meet.
/// </summary>
public sealed class Infrastructure : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<string> _virtualHosts = [];
    private PostgreSqlContainer? _postgres;
    private RabbitMqContainer? _rabbit;
    private string? _unavailable;
    private string _postgresAdmin = "";
    private Uri _rabbitMq = new("amqp://localhost");
    private Uri? _rabbitManagement;
    private bool _given;

    /// <summary>A broker and database of the caller's own: the chaos suite's, which it stops and restarts under load
    /// and so must not share with other tests. (The fixture itself reads the environment `./expunge test` sets, or
    /// starts Testcontainers.)</summary>
    public static Infrastructure Given(string postgresAdmin, Uri rabbitMq, Uri rabbitManagement) => new()
    {
        _postgresAdmin = postgresAdmin,
        _rabbitMq = rabbitMq,
        _rabbitManagement = rabbitManagement,
        _given = true,
    };

    public async ValueTask InitializeAsync()
    {
        _ = (TestDataKeys.Setting, TestDataKeys.LookupSetting); // the environment holds the keys before any in-process host reads them
        if (_given) return;
        var admin = Environment.GetEnvironmentVariable("EXPUNGE_PG_ADMIN");
        var broker = Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ");
        if (!string.IsNullOrEmpty(admin) && !string.IsNullOrEmpty(broker))
        {
            _postgresAdmin = admin;
            _rabbitMq = new Uri(broker);
            var management = Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ_MANAGEMENT");
            _rabbitManagement = string.IsNullOrEmpty(management) ? null : new Uri(management);
            return;
        }
        if (!DockerEngineLikely())
        {
            _unavailable = "No broker and database: set EXPUNGE_PG_ADMIN and EXPUNGE_RABBITMQ (./expunge test does), or run a Docker engine for Testcontainers.";
            return;
        }
        _postgres = new PostgreSqlBuilder("postgres:16-alpine").Build();
        _rabbit = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
        await Task.WhenAll(_postgres.StartAsync(), _rabbit.StartAsync());
        _postgresAdmin = _postgres.GetConnectionString();
        _rabbitMq = new Uri(_rabbit.GetConnectionString());
    }

    /// <summary>Call first in every test that needs the broker or database: skips locally, fails under CI=true.</summary>
    public void Require()
    {
        if (_unavailable is null)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(_unavailable + " Under CI=true integration tests must run, not skip.");
        }
        Assert.Skip(_unavailable);
    }

    public string PostgresAdmin => _postgresAdmin;

    /// <summary>The broker's TLS listener (amqps, same credentials) and the CA that signed its and PostgreSQL's
    /// certificates, when scripts/infra.sh set them up (EXPUNGE_RABBITMQ_TLS, EXPUNGE_TLS_CA).</summary>
    public (Uri Broker, string CaFile)? Tls =>
        Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ_TLS") is { Length: > 0 } broker && Environment.GetEnvironmentVariable("EXPUNGE_TLS_CA") is { Length: > 0 } ca
            ? (new Uri(broker), ca) : null;

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        Require();
        var name = $"t_{Sanitise(purpose)}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(_postgresAdmin))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        lock (_databases) _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A fresh RabbitMQ virtual host; returns the amqp address of it.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string purpose)
    {
        Require();
        var name = $"t-{Sanitise(purpose)}-{Guid.NewGuid():N}";
        if (_rabbit is not null)
        {
            await _rabbit.ExecAsync(["rabbitmqctl", "add_vhost", name]);
            await _rabbit.ExecAsync(["rabbitmqctl", "set_permissions", "-p", name, RabbitUser, ".*", ".*", ".*"]);
        }
        else
        {
            using var http = ManagementClient();
            (await http.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", null)).EnsureSuccessStatusCode();
            using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
            (await http.PutAsync($"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(RabbitUser)}", permissions)).EnsureSuccessStatusCode();
        }
        lock (_virtualHosts) _virtualHosts.Add(name);
        return new UriBuilder(_rabbitMq) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    private string RabbitUser => Uri.UnescapeDataString(_rabbitMq.UserInfo.Split(':')[0]);

    /// <summary>The broker's management API (queues, exchanges and bindings of a virtual host), as its administrator.</summary>
    public HttpClient ManagementClient()
    {
        var management = _rabbitManagement ?? throw new InvalidOperationException("EXPUNGE_RABBITMQ_MANAGEMENT is not set: tests create a virtual host per test through the management API.");
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_unavailable is null && _postgres is null)
        {
            await DropCreatedAsync();
        }
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_rabbit is not null) await _rabbit.DisposeAsync();
    }

    private async Task DropCreatedAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            foreach (var name in _databases)
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
            }
            using var http = ManagementClient();
            foreach (var name in _virtualHosts)
            {
                await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}");
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or HttpRequestException or InvalidOperationException)
        {
            // Clean-up is best effort: a leftover test database does not change any result.
        }
    }

    private static bool DockerEngineLikely() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static string Sanitise(string purpose) =>
        new([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16)]);
}
