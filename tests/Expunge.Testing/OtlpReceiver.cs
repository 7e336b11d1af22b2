using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Expunge.Testing;

/// <summary>
/// An OTLP/HTTP (protobuf) collector on a local port: what services export when OTEL_EXPORTER_OTLP_ENDPOINT points at
/// it. Spans are decoded from the wire format (ExportTraceServiceRequest: resource spans → scope spans → spans) far
/// enough to follow a trace; metrics and logs are counted by request.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Span(string Service, string TraceId, string SpanId, string ParentSpanId, string Name);

    public ConcurrentQueue<Span> Spans { get; } = new();

    public ConcurrentDictionary<string, int> RequestsByPath { get; } = new();

    /// <summary>Every export request as received (signal, protobuf body): for tests that search all telemetry.</summary>
    public ConcurrentQueue<(string Signal, byte[] Body)> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            RequestsByPath.AddOrUpdate(signal, 1, (_, n) => n + 1);
            Requests.Enqueue((signal, body.ToArray()));
            if (signal == "traces") foreach (var span in ReadTraces(body.ToArray())) Spans.Enqueue(span);
            return Results.Bytes([], "application/x-protobuf");
        });
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        receiver.Url = new Uri(address);
        return receiver;
    }

    // Field numbers from opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
    private static IEnumerable<Span> ReadTraces(byte[] request) =>
        Fields(request).Where(f => f.Number == 1).SelectMany(resourceSpans =>
        {
            var fields = Fields(resourceSpans.Bytes).ToList();
            var service = fields.Where(f => f.Number == 1).Select(f => ServiceName(f.Bytes)).FirstOrDefault() ?? "";
            return fields.Where(f => f.Number == 2).SelectMany(scope => Fields(scope.Bytes).Where(f => f.Number == 2)).Select(span =>
            {
                var s = Fields(span.Bytes).ToList();
                string Hex(int n) => s.FirstOrDefault(f => f.Number == n)?.Bytes is { Length: > 0 } b ? Convert.ToHexStringLower(b) : "";
                var name = s.FirstOrDefault(f => f.Number == 5)?.Bytes is { } n ? System.Text.Encoding.UTF8.GetString(n) : "";
                return new Span(service, Hex(1), Hex(2), Hex(4), name);
            });
        });

    /// <summary>Resource.attributes (1) → KeyValue { key (1), value (2): AnyValue { string_value (1) } } for service.name.</summary>
    private static string? ServiceName(byte[] resource) =>
        Fields(resource).Where(f => f.Number == 1).Select(kv => Fields(kv.Bytes).ToList())
            .Where(kv => kv.FirstOrDefault(f => f.Number == 1)?.Bytes is { } key && System.Text.Encoding.UTF8.GetString(key) == "service.name")
            .Select(kv => kv.FirstOrDefault(f => f.Number == 2)?.Bytes is { } value && Fields(value).FirstOrDefault(f => f.Number == 1)?.Bytes is { } text
                ? System.Text.Encoding.UTF8.GetString(text) : null)
            .FirstOrDefault();

    private sealed record Field(int Number, byte[] Bytes);

    /// <summary>The length-delimited fields of a message (the only kind the lookups above need); others are skipped.</summary>
    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited) fields.Add(new Field(WireFormat.GetTagFieldNumber(tag), input.ReadBytes().ToByteArray()));
            else input.SkipLastField();
        }
        return fields;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
