using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Expunge.Testing;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Every operation in the five services' own OpenAPI documents, called by an operator with random parameters and
/// bodies (ids that exist nowhere, hostile text, wrong types, JSON that is not the expected shape, text that is not
/// JSON): the answer is a success or a 4xx that says why, never a server error. The services run as processes on a
/// real database and broker, as in production.
/// </summary>
public sealed class ServiceApiFuzzTests(Infrastructure infrastructure)
{
    private sealed record Parameter(string Name, string In, string Type, string? Format);

    private sealed record Operation(string Service, HttpMethod Method, string Template, IReadOnlyList<Parameter> Parameters, bool TakesBody)
    {
        public override string ToString() => $"{Service} {Method} {Template}";
    }

    private sealed record Call(Operation Operation, string Path, string? Body, string ContentType);

    private static readonly Gen<string> Values = Gen.Frequency(
        (4, Hostile.Text),
        (2, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("open", "dead", "confirmed", "LOS ANGELES", "0", "-1", "1000000", "true", "", "%00", "../../etc/passwd")));

    private static readonly Gen<string> Bodies = Gen.Frequency(
        (4, IngestionApiFuzzTests.AnyValue.Array[0, 6].Select(Gen.OneOf("note", "determination", "email", "webhook", "secret", "court", "audience",
            "name", "policy", "rowId", "outcome", "reason", "by", "runId", "county").Array[6], (values, names) =>
        {
            var o = new JsonObject();
            for (var i = 0; i < values.Length; i++) o[names[i]] = values[i];
            return o.ToJsonString();
        })),
        (1, IngestionApiFuzzTests.AnyValue.Select(v => v?.ToJsonString() ?? "null")),
        (1, Hostile.Text),
        (1, Gen.Select(Hostile.Text, Hostile.Text, (a, b) => $"row_id,outcome,reason\n{Hostile.Csv(a)},granted,{Hostile.Csv(b)}\n")));

    /// <summary>A call of one of the operations. Each parameter gets, three times in four, a value of its type (so the
    /// request reaches the endpoint rather than a route constraint), otherwise anything.</summary>
    private static Gen<Call> CallsOf(IReadOnlyList<Operation> operations) =>
        Gen.Int[0, operations.Count - 1].SelectMany(i =>
        {
            var operation = operations[i];
            var n = operation.Parameters.Count;
            return Gen.Select(Gen.Guid.Array[n], Gen.Long[-5, 2_000_000].Array[n], Values.Array[n], Gen.Int[0, 3].Array[n],
                Bodies, Gen.OneOf("application/json", "text/csv", "text/plain"), Gen.Bool,
                (guids, numbers, anything, typed, body, contentType, withBody) =>
                {
                    var path = operation.Template;
                    var query = new List<string>();
                    for (var k = 0; k < n; k++)
                    {
                        var parameter = operation.Parameters[k];
                        var value = typed[k] == 0 ? anything[k]
                            : parameter.Format == "uuid" ? guids[k].ToString()
                            : parameter.Type.Contains("integer", StringComparison.Ordinal) ? numbers[k].ToString(System.Globalization.CultureInfo.InvariantCulture)
                            : anything[k];
                        if (parameter.In == "path") path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                        else if (parameter.In == "query") query.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
                    }
                    if (query.Count > 0) path += "?" + string.Join("&", query);
                    return new Call(operation, path.TrimStart('/'), operation.TakesBody || withBody ? body : null, contentType);
                });
        });

    [Fact]
    public async Task Random_calls_of_every_operation_of_every_service_get_a_success_or_a_reason_never_a_server_error()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        var operations = new List<Operation>();
        using var anonymous = new HttpClient();
        foreach (var service in RunningServices.Services)
        {
            using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri(stack.Urls[service], "openapi/v1.json"), TestContext.Current.CancellationToken));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var parameters = operation.Value.TryGetProperty("parameters", out var list)
                        ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                            p.TryGetProperty("schema", out var s) && s.TryGetProperty("type", out var t) ? t.ToString() : "",
                            p.TryGetProperty("schema", out var s2) && s2.TryGetProperty("format", out var f) ? f.GetString() : null)).ToList()
                        : [];
                    operations.Add(new Operation(service, new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, parameters, operation.Value.TryGetProperty("requestBody", out _)));
                }
            }
        }
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations found");
        var clients = RunningServices.Services.ToDictionary(s => s, s => stack.Client(s));
        var called = new HashSet<string>();

        await CallsOf(operations).SampleAsync(async call =>
        {
            using var request = new HttpRequestMessage(call.Operation.Method, call.Path)
            {
                Content = call.Body is null ? null : new StringContent(call.Body, Encoding.UTF8, call.ContentType),
            };
            using var response = await clients[call.Operation.Service].SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500,
                $"{call.Operation}: {call.Operation.Method} /{call.Path} with {call.ContentType} {call.Body?[..Math.Min(call.Body.Length, 300)]} → {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            if ((int)response.StatusCode is 400 or 409 or 422) Assert.False(string.IsNullOrWhiteSpace(text), $"{call.Operation} refused without saying why");
            lock (called) called.Add(call.Operation.ToString());
        }, time: Fuzzing.Seconds * 3, threads: 1);

        foreach (var client in clients.Values) client.Dispose();
        Assert.True(called.Count >= operations.Count / 2, $"only {called.Count} of {operations.Count} operations were called");
    }
}
