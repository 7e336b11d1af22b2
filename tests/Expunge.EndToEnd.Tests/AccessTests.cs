using System.Net;
using System.Text;
using System.Text.Json;
using System.Net.Http.Json;
using Expunge.Hosting;
using Expunge.Security;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// Who reaches what, on the five services as processes: every business endpoint in each service's own OpenAPI
/// document refuses a request without a key or with an unknown one (401), and each role reaches exactly its share.
/// </summary>
public sealed class AccessTests(Infrastructure infrastructure)
{
    private static readonly Guid Someone = Guid.NewGuid();

    /// <summary>(service, method, path, the roles admitted): one or more endpoints of every group the services map.</summary>
    public static TheoryData<string, string, string, string> Endpoints => new()
    {
        { "ingestion", "POST", "/api/v1/runs", "county-integration operator" },
        { "ingestion", "GET", $"/api/v1/runs/{Someone}/progress", "county-integration operator" },
        { "ingestion", "POST", "/api/v1/records", "county-integration operator" },
        { "matching", "GET", $"/api/v1/runs/{Someone}/links", "operator" },
        { "matching", "GET", "/api/v1/linkage/review", "operator" },
        { "matching", "GET", $"/api/v1/runs/{Someone}/progress", "county-integration operator" },
        { "eligibility", "GET", "/api/v1/review", "operator" },
        { "eligibility", "GET", "/api/v1/policies", "operator" },
        { "eligibility", "PUT", "/api/v1/policies/LOS%20ANGELES", "operator" },
        { "eligibility", "GET", $"/api/v1/people/{Someone}", "operator" },
        { "eligibility", "GET", $"/api/v1/runs/{Someone}/determinations", "operator" },
        { "motions", "GET", "/api/v1/filings", "clerk operator" },
        { "motions", "GET", $"/api/v1/filings/{Someone}/documents/motion.pdf", "clerk operator" },
        { "motions", "POST", $"/api/v1/filings/{Someone}/responses", "clerk operator" },
        { "motions", "POST", "/api/v1/filings", "operator" },
        { "notifications", "GET", "/api/v1/recipients", "operator" },
        { "notifications", "POST", "/api/v1/recipients", "operator" },
        { "notifications", "GET", "/api/v1/deliveries", "operator" },
        { "notifications", "GET", "/api/v1/operator-events", "operator" },
    };

    [Fact]
    public async Task Every_business_endpoint_of_every_service_refuses_a_request_without_a_valid_key_and_probes_need_none()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        using var anonymous = new HttpClient();
        using var stranger = new HttpClient();
        stranger.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, ApiKeyRing.NewKey());
        var checkedEndpoints = 0;
        foreach (var service in RunningServices.Services)
        {
            var baseUrl = stack.Urls[service];
            foreach (var probe in new[] { "health/live", "health/ready", "metrics", "openapi/v1.json" })
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(baseUrl, probe), TestContext.Current.CancellationToken)).StatusCode);
            }
            using var openApi = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri(baseUrl, "openapi/v1.json"), TestContext.Current.CancellationToken));
            foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var concrete = Concrete(path.Name, operation.Value);
                    var method = new HttpMethod(operation.Name.ToUpperInvariant());
                    foreach (var client in new[] { anonymous, stranger })
                    {
                        using var request = new HttpRequestMessage(method, new Uri(baseUrl, concrete.TrimStart('/'))) { Content = method == HttpMethod.Get ? null : new StringContent("{}", Encoding.UTF8, "application/json") };
                        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{service} {method} {concrete} answered {(int)response.StatusCode} to a request {(client == anonymous ? "without a key" : "with an unknown key")}");
                    }
                    checkedEndpoints++;
                }
            }
        }
        Assert.True(checkedEndpoints >= 30, $"only {checkedEndpoints} endpoints in the OpenAPI documents: the check proved little");
    }

    /// <summary>The path with each parameter filled by a value of its type (a uuid, a number, a word), so the request is
    /// routed to the endpoint rather than refused by a route constraint before authorization is asked.</summary>
    private static string Concrete(string template, JsonElement operation)
    {
        var values = new Dictionary<string, string>();
        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path"))
            {
                var schema = parameter.GetProperty("schema");
                var type = schema.TryGetProperty("type", out var t) ? t.ToString() : "";
                var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                values[parameter.GetProperty("name").GetString()!] = format == "uuid" ? Someone.ToString() : type.Contains("integer", StringComparison.Ordinal) ? "1" : "x";
            }
        }
        return System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}", m => values.GetValueOrDefault(m.Groups[1].Value, "x"));
    }

    [Fact]
    public async Task Each_role_reaches_its_endpoints_and_is_refused_the_others()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        var failures = new List<string>();
        foreach (var row in Endpoints)
        {
            var (service, method, path, admitted) = (row.Data.Item1, row.Data.Item2, row.Data.Item3, row.Data.Item4);
            foreach (var role in Roles.All)
            {
                using var http = stack.Client(service, role);
                using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json") };
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                var allowed = admitted.Split(' ').Contains(role);
                var refused = response.StatusCode == HttpStatusCode.Forbidden;
                // Admitted: anything but 401/403 (a made-up id is a 404, an empty body a 400: the request got in).
                if (allowed == refused || response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{role} {method} {service}{path}: {(int)response.StatusCode}, expected {(allowed ? "admitted" : "403")}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Reads_and_changes_go_to_an_append_only_audit_log_saying_who_made_them_and_of_what()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        using var eligibility = stack.Client("eligibility");
        using var clerk = stack.Client("motions", Roles.Clerk);
        var person = Guid.NewGuid();

        using var read = new HttpRequestMessage(HttpMethod.Get, $"api/v1/people/{person}");
        read.Headers.Add(Operators.Header, "a.reviewer");
        (await eligibility.SendAsync(read, TestContext.Current.CancellationToken)).Dispose();
        (await eligibility.PutAsync("api/v1/policies/LOS%20ANGELES", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).Dispose();
        (await eligibility.GetAsync($"api/v1/runs/{person}/progress", TestContext.Current.CancellationToken)).Dispose();
        (await new HttpClient().GetAsync(new Uri(stack.Urls["eligibility"], "api/v1/review"), TestContext.Current.CancellationToken)).Dispose();
        (await clerk.GetAsync("api/v1/filings", TestContext.Current.CancellationToken)).Dispose();

        var events = (await eligibility.GetFromJsonAsync<JsonElement>("api/v1/audit", TestContext.Current.CancellationToken)).EnumerateArray().ToList();
        var personRead = Assert.Single(events, e => e.GetProperty("route").GetString() == "/api/v1/people/{personId:guid}");
        Assert.Equal(("test-operator", "operator", "a.reviewer", "read"), (personRead.GetProperty("actor").GetString(), personRead.GetProperty("role").GetString(),
            personRead.GetProperty("actingFor").GetString(), personRead.GetProperty("action").GetString()));
        Assert.Contains(person.ToString(), personRead.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var policyChange = Assert.Single(events, e => e.GetProperty("route").GetString() == "/api/v1/policies/{county}");
        Assert.Equal(("change", "PUT"), (policyChange.GetProperty("action").GetString(), policyChange.GetProperty("method").GetString()));
        Assert.Contains("LOS ANGELES", policyChange.GetProperty("subject").GetString(), StringComparison.Ordinal);
        // Progress polling says nothing about a person; a refused request reached nothing.
        Assert.DoesNotContain(events, e => e.GetProperty("route").GetString()!.EndsWith("/progress", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.GetProperty("route").GetString() == "/api/v1/review");
        using var motions = stack.Client("motions");
        var motionsEvents = (await motions.GetFromJsonAsync<JsonElement>("api/v1/audit", TestContext.Current.CancellationToken)).EnumerateArray().ToList();
        Assert.Contains(motionsEvents, e => e.GetProperty("route").GetString()!.TrimEnd('/') == "/api/v1/filings" && e.GetProperty("actor").GetString() == "test-clerks"
            && e.GetProperty("role").GetString() == "clerk");

        // Append-only for everyone, the database's own superuser included.
        await using var database = new Npgsql.NpgsqlConnection(stack.Databases["eligibility"]);
        await database.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var change in new[] { "UPDATE audit.event SET actor = 'someone else'", "DELETE FROM audit.event", "TRUNCATE audit.event" })
        {
            await using var command = new Npgsql.NpgsqlCommand(change, database);
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Equal("42501", refused.SqlState);
        }
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit.event", database);
        Assert.True((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 3);
    }
}
