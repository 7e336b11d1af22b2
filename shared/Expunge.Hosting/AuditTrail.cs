using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Expunge.Hosting;

/// <summary>Marks an endpoint whose calls are not audited: run progress, which says nothing about any person and is
/// polled twice a second while a run is followed.</summary>
public sealed class NotAudited;

/// <summary>
/// The append-only audit log (<c>audit.event</c>, in each service's own database): every admitted call of a business
/// endpoint, who made it (the key's holder and the person a front end named), what it was (the route's pattern and
/// values) and whether it read or changed. The row is written before the endpoint runs, so nothing is served that
/// is not on the record.
/// </summary>
public static class AuditTrail
{
    public static WebApplication UseAuditTrail(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<NotAudited>() is null
                && endpoint.RoutePattern.RawText is { } route && route.StartsWith("/api/", StringComparison.Ordinal)
                && context.User.Identity?.IsAuthenticated == true)
            {
                await RecordAsync(db, context, route, context.RequestAborted);
            }
            await next(context);
        });
        return app;
    }

    private static async Task RecordAsync(NpgsqlDataSource db, HttpContext context, string route, CancellationToken ct)
    {
        var request = context.Request;
        var subject = JsonSerializer.Serialize(request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString()));
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit.event (actor, role, acting_for, action, method, route, subject, trace_id)
            VALUES (@Actor, @Role, @ActingFor, @Action, @Method, @Route, @Subject::jsonb, @TraceId)
            """, new
        {
            Actor = context.User.Identity!.Name ?? "unknown",
            Role = context.User.FindFirstValue(ClaimTypes.Role) ?? "",
            ActingFor = request.Headers.TryGetValue(Operators.Header, out var named) && !string.IsNullOrWhiteSpace(named) ? named.ToString() : null,
            Action = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "read" : "change",
            request.Method,
            Route = route,
            Subject = subject,
            TraceId = Activity.Current?.TraceId.ToString(),
        }, cancellationToken: ct));
    }

    /// <summary><c>GET /api/v1/audit</c>: the latest audit events, newest first (operators only, and itself audited).</summary>
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (int? limit, string? actor, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var events = await connection.QueryAsync<AuditEvent>(new CommandDefinition("""
                SELECT event_id AS EventId, at AS At, actor AS Actor, role AS Role, acting_for AS ActingFor, action AS Action,
                       method AS Method, route AS Route, subject::text AS Subject, trace_id AS TraceId
                FROM audit.event WHERE @actor::text IS NULL OR actor = @actor OR acting_for = @actor
                ORDER BY event_id DESC LIMIT @limit
                """, new { limit = Math.Clamp(limit ?? 100, 1, 10_000), actor }, cancellationToken: ct));
            return Results.Ok(events);
        }).WithTags("audit").WithName("GetAuditEvents");
        return app;
    }

    public sealed record AuditEvent(long EventId, DateTime At, string Actor, string Role, string? ActingFor, string Action,
        string Method, string Route, string Subject, string? TraceId);
}
